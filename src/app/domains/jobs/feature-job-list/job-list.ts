import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';

import { type JobPriority } from '../../../../models';
import { Permissions } from '../../account/api';
import { NotSyncedYet } from '../../shared/ui/not-synced-yet';
import { SyncStatusStore } from '../../sync/api';
import { JOB_PAGE_SIZE, JobCardList } from '../ui/job-card-list';
import { filtersInWords } from '../util/filters-in-words';
import { type JobSort, type JobView } from '../util/job-filters';
import { JOB_PRIORITIES, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { JobListPosition } from './job-list-position';
import { JobListStore } from './job-list-store';

@Component({
  selector: 'fb-job-list',
  imports: [RouterLink, JobCardList, NotSyncedYet],
  providers: [JobListStore],
  templateUrl: './job-list.html',
  styleUrl: './job-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobList implements OnInit {
  /** Query param `?view=` so other pages (the dashboard's overdue count) can open a view. */
  readonly view = input<string>();

  protected readonly store = inject(JobListStore);
  protected readonly mayAdd = computed(() => this.permissions.may('create', 'Job'));
  protected readonly views: readonly { readonly id: JobView; readonly label: string }[] = [
    { id: 'today', label: 'Today' },
    { id: 'overdue', label: 'Overdue' },
    { id: 'mine', label: 'Mine' },
    { id: 'all', label: 'All' },
  ];
  protected readonly statuses = JOB_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorities = JOB_PRIORITIES;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly filtersOpen = signal(false);
  private readonly sync = inject(SyncStatusStore);
  protected readonly online = this.sync.online;
  /** The jobs have come from the server at least once since this device was set up or cleared. */
  protected readonly jobsSynced = computed(() => this.sync.lastSynced()['Job'] !== undefined);
  protected readonly hidingFilters = computed(() =>
    filtersInWords(
      {
        query: this.store.query(),
        statuses: this.store.statuses(),
        priority: this.store.priority(),
        assignee: this.store.assignee(),
        site: this.store.site(),
        crew: this.store.crew(),
      },
      this.store.siteNames(),
      this.store.crewNames(),
    ).join(', '),
  );
  private readonly position = inject(JobListPosition);
  private readonly permissions = inject(Permissions);
  /** Cards shown, kept for the tab so coming back from a job shows as many. */
  protected readonly shown = signal(Math.max(JOB_PAGE_SIZE, this.position.shown));

  constructor() {
    const window = inject(DOCUMENT).defaultView;
    const returnTo = this.position.scrollY;
    // Followed as the user scrolls: by the time the list is destroyed its cards are gone and the page is short.
    const follow = (): void => {
      if (placed) this.position.scrollY = window?.scrollY ?? 0;
    };
    let placed = false;
    // Once the jobs are on screen, back to where the list was left (a view named in the address starts at the top).
    afterRenderEffect(() => {
      if (placed || !this.store.loaded()) return;
      placed = true;
      if (!this.view() && returnTo > 0 && window?.scrollY === 0) window.scrollTo(0, returnTo);
    });
    window?.addEventListener('scroll', follow, { passive: true });
    inject(DestroyRef).onDestroy(() => {
      window?.removeEventListener('scroll', follow);
      this.position.shown = this.shown();
    });
  }

  ngOnInit(): void {
    const view = this.views.find((each) => each.id === this.view());
    if (view) this.store.setView(view.id);
  }

  protected onSearch(event: Event): void {
    this.store.search(valueOf(event));
  }

  protected onSite(event: Event): void {
    this.store.setSite(valueOf(event) || null);
  }

  protected onCrew(event: Event): void {
    this.store.setCrew(valueOf(event) || null);
  }

  protected onPriority(event: Event): void {
    this.store.setPriority((valueOf(event) || null) as JobPriority | null);
  }

  /** '*' is anyone, '' is unassigned. */
  protected onAssignee(event: Event): void {
    const value = valueOf(event);
    this.store.setAssignee(value === '*' ? null : value);
  }

  protected onSort(event: Event): void {
    const sort = valueOf(event) as JobSort;
    this.store.setSort(sort);
    if (sort === 'distance') void this.store.locate();
  }

  protected saveCrewMember(event: Event, input: HTMLInputElement): void {
    event.preventDefault();
    this.store.setCrewMember(input.value);
  }
}

function valueOf(event: Event): string {
  return (event.target as HTMLInputElement | HTMLSelectElement).value;
}
