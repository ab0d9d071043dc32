import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import { Subject } from 'rxjs';

import { Job, JobPriority, JobStatus } from '../../../../models';
import { JobRepository } from '../data/job-repository';
import { CLOCK } from '../util/local-date';
import { Dashboard } from './dashboard';

function job(fields: Partial<ConstructorParameters<typeof Job>[0]> = {}): Job {
  return new Job({ siteID: 's', title: 't', status: JobStatus.OPEN, priority: JobPriority.NORMAL, ...fields });
}

async function renderDashboard(): Promise<Subject<readonly Job[]>> {
  const jobs$ = new Subject<readonly Job[]>();
  await render(Dashboard, {
    providers: [
      provideRouter([]),
      { provide: JobRepository, useValue: { watchAll: () => jobs$ } },
      { provide: CLOCK, useValue: () => new Date(2025, 5, 10) },
    ],
  });
  return jobs$;
}

function tableRows(name: string): string[][] {
  const table = screen.getByRole('table', { name });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.children).map((cell) => cell.textContent?.trim() ?? ''));
}

describe('Dashboard page', () => {
  it('charts jobs by status as an image with a spoken summary and the same numbers as a table', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([job(), job({ status: JobStatus.DONE }), job({ status: JobStatus.DONE })]);

    const chart = await screen.findByRole('img', { name: /Jobs by status/ });
    expect(chart.getAttribute('aria-labelledby')).toContain('by-status-summary');
    expect(chart.querySelector('desc')?.textContent).toBe('Open: 1, In progress: 0, On hold: 0, Done: 2, Cancelled: 0');
    expect(tableRows('Jobs by status')).toEqual([
      ['Open', '1'],
      ['In progress', '0'],
      ['On hold', '0'],
      ['Done', '2'],
      ['Cancelled', '0'],
    ]);
    const bars = Array.from(chart.querySelectorAll('rect')).map((rect) => Number(rect.getAttribute('width')));
    expect(bars[3]).toBe(2 * bars[0]);
  });

  it('shows the overdue count as a link to the overdue view and open jobs by priority', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([
      job({ dueDate: '2025-06-01', priority: JobPriority.URGENT }),
      job({ dueDate: '2025-06-01', status: JobStatus.DONE, priority: JobPriority.URGENT }),
      job({ dueDate: '2025-06-20', priority: JobPriority.LOW }),
    ]);

    const overdue = await screen.findByRole('link', { name: /overdue/ });
    expect(overdue.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 overdue');
    expect(overdue.getAttribute('href')).toBe('/jobs?view=overdue');
    expect(tableRows('Open jobs by priority')).toEqual([
      ['Urgent', '1'],
      ['High', '0'],
      ['Normal', '0'],
      ['Low', '1'],
    ]);
  });

  it('invites the crew to create a job when there are none', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([]);

    expect(await screen.findByRole('heading', { name: 'No jobs yet' })).toBeTruthy();
  });
});
