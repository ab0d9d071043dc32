import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { BarChart } from '../ui/bar-chart';
import { DashboardStore } from './dashboard-store';

@Component({
  selector: 'fb-dashboard',
  imports: [RouterLink, BarChart],
  providers: [DashboardStore],
  template: `
    <header class="page-header">
      <h1>Dashboard</h1>
    </header>
    @if (store.error(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (!store.loaded()) {
      <p class="muted" role="status">Loading jobs…</p>
    } @else if (store.total() === 0) {
      <section class="empty-state" aria-labelledby="no-jobs">
        <h2 id="no-jobs">No jobs yet</h2>
        <p>Numbers appear here once jobs are on this device.</p>
        <a class="button primary" routerLink="/jobs/new">Create a job</a>
      </section>
    } @else {
      <section class="tiles" aria-label="Totals">
        <p class="card">
          <span class="big">{{ store.total() }}</span> {{ store.total() === 1 ? 'job' : 'jobs' }} on this device
        </p>
        <a class="card" [class.alert]="store.overdue() > 0" routerLink="/jobs" [queryParams]="{ view: 'overdue' }">
          <span class="big">{{ store.overdue() }}</span> overdue
        </a>
      </section>
      <fb-bar-chart id="by-status" caption="Jobs by status" labelHeader="Status" [bars]="store.byStatus()" />
      <fb-bar-chart
        id="by-priority"
        caption="Unfinished jobs by priority (open, in progress or on hold)"
        labelHeader="Priority"
        [bars]="store.openByPriority()"
      />
    }
  `,
  styles: `
    /* Side by side while both fit; one above the other in a narrow window or with large text. */
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
      gap: var(--space);
      margin-bottom: var(--space);
    }
    .tiles .card {
      margin: 0;
    }
    .big {
      display: block;
      font-size: 2rem;
      font-weight: 700;
    }
    .alert {
      border-color: var(--color-danger);
      color: var(--color-danger);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dashboard {
  protected readonly store = inject(DashboardStore);
}
