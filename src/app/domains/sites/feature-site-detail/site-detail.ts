import { LowerCasePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  input,
  type OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { RecordHistory } from '../../history/api';
import { JOB_STATUSES, JobCard, NearViewport, STATUS_LABELS } from '../../jobs/api';
import { mapsLink, opensMapsApp } from '../../shared/util/maps-link';
import { SiteDetailStore } from './site-detail-store';

const JOBS_PER_PAGE = 40;

@Component({
  selector: 'fb-site-detail',
  imports: [RouterLink, LowerCasePipe, JobCard, NearViewport, RecordHistory],
  providers: [SiteDetailStore],
  templateUrl: './site-detail.html',
  styleUrl: './site-detail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SiteDetail implements OnInit {
  /** Route param `:id`. */
  readonly id = input.required<string>();

  protected readonly store = inject(SiteDetailStore);
  protected readonly statuses = JOB_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  /**
   * Cards grow with their text, so the page scrolls once and cards are added a page at a time as
   * the end comes near, instead of a fixed-height scroller whose rows would cut a long title.
   */
  private readonly shown = signal(JOBS_PER_PAGE);
  protected readonly shownJobs = computed(() => this.store.sortedJobs().slice(0, this.shown()));
  protected readonly notShown = computed(() => this.store.sortedJobs().length - this.shownJobs().length);

  /** What a delete takes with it: DataStore deletes the site's jobs and their notes too. */
  protected readonly deleteWarning = computed(() => {
    const count = this.store.jobs().length;
    const jobs =
      count === 0
        ? ''
        : count === 1
          ? ', its job and the job’s field notes'
          : `, its ${count} jobs and their field notes`;
    return `“${this.store.site()?.name ?? ''}”${jobs} will be deleted on every device.`;
  });
  /** Where "Open in maps" goes: built from the stored point, so it works offline (see maps-link.ts). */
  protected readonly mapLink = computed(() => {
    const location = this.store.site()?.location;
    if (!location) return null;
    const href = mapsLink(location);
    return { href, inApp: opensMapsApp(href) };
  });
  private readonly router = inject(Router);
  private readonly confirmDialog = viewChild<ElementRef<HTMLDialogElement>>('deleteDialog');

  ngOnInit(): void {
    this.store.load(this.id);
  }

  protected showMore(): void {
    if (this.notShown() > 0) this.shown.update((shown) => shown + JOBS_PER_PAGE);
  }

  protected askToDelete(): void {
    this.confirmDialog()?.nativeElement.showModal();
  }

  protected async confirmDelete(): Promise<void> {
    this.confirmDialog()?.nativeElement.close();
    if (await this.store.deleteSite()) await this.router.navigate(['/sites']);
  }
}
