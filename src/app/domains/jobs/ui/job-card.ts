import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { type Job, type JobPriority, type JobStatus } from '../../../../models';
import { formatDistance } from '../../shared/util/geo-distance';
import { describeDue } from '../util/due-date';
import { isClosed } from '../util/job-filters';
import { PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';

/**
 * One job as a tappable card: what, where, how urgent, when, who. It grows with its text (long
 * titles, large text settings) and never gets wider than the list.
 */
@Component({
  selector: 'fb-job-card',
  imports: [RouterLink],
  template: `
    <a class="card job-card" [routerLink]="['/jobs', job().id]">
      <span class="card-title">{{ job().title }}</span>
      @if (siteName() || job().assignee || distance()) {
        <span class="card-where">
          @if (siteName(); as site) {
            <span class="card-site">{{ site }}</span>
          }
          @if (distance(); as distance) {
            <span class="card-distance">{{ distance }}</span>
          }
          @if (job().assignee; as assignee) {
            <span class="card-assignee"><span class="visually-hidden">Assigned to </span>{{ assignee }}</span>
          }
        </span>
      }
      <span class="card-meta">
        <span class="status-badge" [attr.data-status]="job().status">{{ status() }}</span>
        <span [class.urgent]="job().priority === 'URGENT'">{{ priority() }} priority</span>
        @if (due(); as due) {
          <span [class.error]="due.overdue">{{ due.text }}</span>
        }
      </span>
    </a>
  `,
  styles: `
    .job-card {
      min-width: 0;
    }
    .card-title {
      /* Two lines, then "…": a 70-character title wraps on a phone instead of widening the card. */
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
      overflow-wrap: anywhere;
    }
    /* Where and who share a line when they fit; the site's name is never cut, it is what tells jobs apart. */
    .card-where {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      min-width: 0;
    }
    .card-site {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .card-distance {
      white-space: nowrap;
    }
    .card-assignee {
      min-width: 0;
      max-width: 100%;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--color-muted);
    }
    .card-meta {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.1rem 0.5rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .urgent {
      font-weight: 700;
      color: var(--color-danger);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobCard {
  readonly job = input.required<Job>();
  /** Local `YYYY-MM-DD`, passed in so every card in a list agrees on what "today" is. */
  readonly today = input.required<string>();
  /** The job's site, where the list mixes sites; left out where every card is at one site. */
  readonly siteName = input<string | undefined>(undefined);
  /**
   * How far the job's site is from the device, when the user asked for jobs near them. A template's
   * `map?.get(id)` gives null, not undefined, where there is no map: both mean "no distance".
   */
  readonly distanceKm = input<number | null | undefined>(undefined);
  protected readonly distance = computed(() => {
    const km = this.distanceKm();
    return typeof km === 'number' && Number.isFinite(km) ? `${formatDistance(km)} away` : null;
  });

  protected readonly status = computed(() => STATUS_LABELS[this.job().status as JobStatus]);
  protected readonly priority = computed(() => PRIORITY_LABELS[this.job().priority as JobPriority]);
  protected readonly due = computed(() => {
    const { dueDate } = this.job();
    return dueDate ? describeDue(dueDate, this.today(), isClosed(this.job())) : null;
  });
}
