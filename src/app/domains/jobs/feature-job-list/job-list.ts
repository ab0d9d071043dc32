import { CdkFixedSizeVirtualScroll, CdkVirtualForOf, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, inject, input, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';

import { type Job, type JobPriority } from '../../../../models';
import { JobCard } from '../ui/job-card';
import { type JobSort, type JobView } from '../util/job-filters';
import { JOB_PRIORITIES, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { JobListStore } from './job-list-store';

/** Card height plus gap; the virtual scroller needs a fixed row size to stay smooth at 10,000 jobs. */
export const JOB_ROW_PX = 108;

@Component({
  selector: 'fb-job-list',
  imports: [RouterLink, CdkVirtualScrollViewport, CdkFixedSizeVirtualScroll, CdkVirtualForOf, JobCard],
  providers: [JobListStore],
  templateUrl: './job-list.html',
  styleUrl: './job-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobList implements OnInit {
  /** Query param `?view=` so other pages (the dashboard's overdue count) can open a view. */
  readonly view = input<string>();

  protected readonly store = inject(JobListStore);
  protected readonly rowPx = JOB_ROW_PX;
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

  ngOnInit(): void {
    const view = this.views.find((each) => each.id === this.view());
    if (view) this.store.setView(view.id);
  }

  protected readonly trackById = (_index: number, job: Job): string => job.id;

  protected onSearch(event: Event): void {
    this.store.search(valueOf(event));
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
    this.store.setSort(valueOf(event) as JobSort);
  }

  protected saveCrewMember(event: Event, input: HTMLInputElement): void {
    event.preventDefault();
    this.store.setCrewMember(input.value);
  }
}

function valueOf(event: Event): string {
  return (event.target as HTMLInputElement | HTMLSelectElement).value;
}
