import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';

import { type Job } from '../../../../models';
import { JobCard } from './job-card';
import { NearViewport } from './near-viewport';

/**
 * Cards added at a time. The page scrolls as one (no scroller inside the page) and cards grow with
 * their text, so rows are added as the user nears the end rather than virtualised at a fixed height:
 * 10,000 jobs cost 40 cards until someone scrolls through them.
 */
export const JOB_PAGE_SIZE = 40;

/** Jobs as cards, in the order given, a page at a time as the user nears the end or asks for more. */
@Component({
  selector: 'fb-job-card-list',
  imports: [JobCard, NearViewport],
  templateUrl: './job-card-list.html',
  styleUrl: './job-card-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobCardList {
  readonly jobs = input.required<readonly Job[]>();
  readonly label = input.required<string>();
  readonly today = input.required<string>();
  readonly siteNames = input<ReadonlyMap<string, string>>();
  readonly siteDistances = input<ReadonlyMap<string, number>>();
  /** Not every job is in yet: the cards are a first few, and the list's size is not known. */
  readonly busy = input(false);
  /** How many cards are shown; a page can keep it to show as many when it comes back. */
  readonly shown = model(JOB_PAGE_SIZE);

  protected readonly shownJobs = computed(() => this.jobs().slice(0, this.shown()));
  protected readonly notShown = computed(() => this.jobs().length - this.shownJobs().length);

  protected showMore(): void {
    if (this.notShown() > 0) this.shown.update((shown) => shown + JOB_PAGE_SIZE);
  }
}
