import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { Subject } from 'rxjs';

import { type Job, JobPriority, JobStatus } from '../../../../models';
import { job } from '../../shared/util/models.testing';
import { JobRepository } from '../data/job-repository';
import { CLOCK } from '../util/local-date';
import { Dashboard } from './dashboard';

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

/** The chart's numbers, as a user reads them after "Show the numbers". */
async function tableRows(name: string): Promise<string[][]> {
  const summary = screen.getByText(
    (_, element) =>
      element?.tagName === 'SUMMARY' &&
      element.textContent?.replace(/\s+/g, ' ').trim() === `Show the numbers of ${name}`,
  );
  const table = screen.getByRole('table', { name });
  expect(table.checkVisibility()).withContext('the table waits behind its summary').toBeFalse();
  await userEvent.click(summary);
  expect(table.checkVisibility()).toBeTrue();
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.children).map((cell) => cell.textContent?.trim() ?? ''));
}

describe('Dashboard page', () => {
  it('charts jobs by status as an image with a spoken summary and the same numbers as a table', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([job('t'), job('t', { status: JobStatus.DONE }), job('t', { status: JobStatus.DONE })]);

    const chart = await screen.findByRole('img', { name: /Jobs by status/ });
    expect(chart.getAttribute('aria-labelledby')).toContain('by-status-summary');
    expect(chart.querySelector('desc')?.textContent).toBe('Open: 1, In progress: 0, On hold: 0, Done: 2, Cancelled: 0');
    expect(await tableRows('Jobs by status')).toEqual([
      ['Open', '1'],
      ['In progress', '0'],
      ['On hold', '0'],
      ['Done', '2'],
      ['Cancelled', '0'],
    ]);
    const bars = Array.from(chart.querySelectorAll('rect')).map((rect) => Number(rect.getAttribute('width')));
    expect(bars[3]).toBe(2 * bars[0]);
  });

  it('shows the overdue count as a link to the overdue view and unfinished jobs by priority', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([
      job('t', { dueDate: '2025-06-01', priority: JobPriority.URGENT }),
      job('t', { dueDate: '2025-06-01', status: JobStatus.DONE, priority: JobPriority.URGENT }),
      job('t', { dueDate: '2025-06-20', priority: JobPriority.LOW }),
    ]);

    const overdue = await screen.findByRole('link', { name: /overdue/ });
    expect(overdue.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 overdue');
    expect(overdue.getAttribute('href')).toBe('/jobs?view=overdue');
    expect(await tableRows('Unfinished jobs by priority (open, in progress or on hold)')).toEqual([
      ['Urgent', '1'],
      ['High', '0'],
      ['Normal', '0'],
      ['Low', '1'],
    ]);
  });

  it('counts one job as one job', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([job('t')]);

    const total = await screen.findByText(
      (_, element) => element?.classList.contains('card') === true && /on this device/.test(element.textContent ?? ''),
    );
    expect(total.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 job on this device');
  });

  it('counts the same unfinished jobs by priority as by status (in progress and on hold are not "Open")', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([
      job('t', { status: JobStatus.IN_PROGRESS, priority: JobPriority.HIGH }),
      job('t', { status: JobStatus.ON_HOLD, priority: JobPriority.HIGH }),
      job('t', { status: JobStatus.DONE, priority: JobPriority.HIGH }),
    ]);

    const byPriority = await screen.findByRole('img', { name: /Unfinished jobs by priority/ });
    expect(byPriority.querySelector('desc')?.textContent).toBe('Urgent: 0, High: 2, Normal: 0, Low: 0');
    const byStatus = screen.getByRole('img', { name: /Jobs by status/ });
    expect(byStatus.querySelector('desc')?.textContent).toBe(
      'Open: 0, In progress: 1, On hold: 1, Done: 1, Cancelled: 0',
    );
  });

  it('invites the crew to create a job when there are none', async () => {
    const jobs$ = await renderDashboard();
    jobs$.next([]);

    expect(await screen.findByRole('heading', { name: 'No jobs yet' })).toBeTruthy();
  });
});
