import { CdkFixedSizeVirtualScroll, CdkVirtualForOf, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';

import { type Job } from '../../../../models';
import { RecordHistory } from '../../history/ui/record-history';
import { JobCard } from '../../jobs/ui/job-card';
import { JOB_STATUSES, STATUS_LABELS } from '../../jobs/util/job-labels';
import { SiteDetailStore } from './site-detail-store';

@Component({
  selector: 'fb-site-detail',
  imports: [
    RouterLink,
    LowerCasePipe,
    CdkVirtualScrollViewport,
    CdkFixedSizeVirtualScroll,
    CdkVirtualForOf,
    JobCard,
    RecordHistory,
  ],
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
  protected readonly trackById = (_index: number, job: Job): string => job.id;

  ngOnInit(): void {
    this.store.load(this.id);
  }
}
