import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { type Job, type JobPriority, type JobStatus } from '../../../../models';
import { isOverdue } from '../util/job-filters';
import { PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';

/** One job as a tappable card: what, how urgent, when, who. */
@Component({
  selector: 'fb-job-card',
  imports: [RouterLink],
  template: `
    <a class="card job-card" [routerLink]="['/jobs', job().id]">
      <span class="card-title">{{ job().title }}</span>
      <span class="card-meta">
        <span class="status-badge" [attr.data-status]="job().status">{{ status() }}</span>
        <span [class.urgent]="job().priority === 'URGENT'">{{ priority() }} priority</span>
        @if (job().dueDate; as due) {
          <span [class.error]="overdue()">{{ overdue() ? 'Overdue · due' : 'Due' }} {{ due }}</span>
        }
        @if (job().assignee; as assignee) {
          <span>{{ assignee }}</span>
        }
      </span>
    </a>
  `,
  styles: `
    .job-card {
      height: 100%;
      overflow: hidden;
    }
    .card-title {
      flex: none;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .card-meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.1rem 0.75rem;
      overflow: hidden;
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

  protected readonly status = computed(() => STATUS_LABELS[this.job().status as JobStatus]);
  protected readonly priority = computed(() => PRIORITY_LABELS[this.job().priority as JobPriority]);
  protected readonly overdue = computed(() => isOverdue(this.job(), this.today()));
}
