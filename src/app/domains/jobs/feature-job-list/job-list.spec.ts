import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BehaviorSubject, Subject } from 'rxjs';

import { type Job, JobStatus, Site } from '../../../../models';
import { crewsOnDevice, NORTH, SOUTH } from '../../crews/data/crew-repository.testing';
import { CrewMemberPreference } from '../../device/data/crew-member-preference';
import { job } from '../../shared/util/models.testing';
import { until } from '../../shared/util/until.testing';
import { SiteRepository } from '../../sites/data/site-repository';
import { SyncStatusStore } from '../../sync/data/sync-status-store';
import { SyncStorageReader } from '../../sync/data/sync-storage-reader';
import { JobListFiltersMemory } from '../data/job-list-filters-memory';
import { JobRepository } from '../data/job-repository';
import { JOB_PAGE_SIZE } from '../ui/job-card-list';
import { CLOCK } from '../util/local-date';
import { JobList } from './job-list';

const harbour = new Site({ name: 'Harbour Pump Station' });
const quarry = new Site({ name: 'Quarry' });

/** Every page here is on a device that has synced its jobs, unless a spec says otherwise. */
const JOBS_SYNCED = { Job: Date.now() };

async function renderJobList(
  view?: string,
  dueFirst?: readonly Job[],
  lastSync: Readonly<Record<string, number>> = JOBS_SYNCED,
): Promise<{ jobs$: Subject<readonly Job[]>; saved: string[] }> {
  const jobs$ = new Subject<readonly Job[]>();
  const sites$ = new BehaviorSubject<readonly Site[]>([harbour, quarry]);
  const saved: string[] = [];
  await render(JobList, {
    inputs: view ? { view } : {},
    providers: [
      provideRouter([]),
      { provide: JobRepository, useValue: { watchAll: () => jobs$, firstByDueDate: async () => dueFirst } },
      { provide: SiteRepository, useValue: { watchAll: () => sites$ } },
      crewsOnDevice(),
      { provide: JobListFiltersMemory, useValue: { read: () => ({}), write: () => undefined } },
      { provide: CLOCK, useValue: () => new Date(2025, 5, 10) },
      {
        provide: SyncStorageReader,
        useValue: {
          queuedCounts: async () => ({ changes: 0, entries: 0 }),
          lastSyncTimes: async () => lastSync,
        },
      },
      {
        provide: CrewMemberPreference,
        useValue: { read: () => '', write: (name: string) => saved.push(name), fromAccount: () => false },
      },
    ],
  });
  return { jobs$, saved };
}

describe('JobList page', () => {
  it('invites the crew to create a first job when there are none', async () => {
    const { jobs$ } = await renderJobList();
    await until('the jobs synced', () => TestBed.inject(SyncStatusStore).lastSynced()['Job'] !== undefined);
    jobs$.next([]);

    expect(await screen.findByRole('heading', { name: 'No jobs yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create the first job' }).getAttribute('href')).toBe('/jobs/new');
    expect(screen.getByRole('link', { name: 'New job' }).getAttribute('href')).toBe('/jobs/new');
  });

  it('tells a device that has not synced its jobs yet from a crew with no jobs', async () => {
    const { jobs$ } = await renderJobList(undefined, undefined, {});
    jobs$.next([]);

    expect(await screen.findByRole('heading', { name: 'No jobs on this device yet' })).toBeTruthy();
    expect(screen.getByText(/they appear here as they arrive from the server/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Create the first job' })).toBeNull();
  });

  it('shows the jobs due first while every job is still loading, then the whole list', async () => {
    const soon = job('Replace valve', { dueDate: '2025-06-01' });
    const later = job('Paint fence', { dueDate: '2025-06-20' });
    const { jobs$ } = await renderJobList(undefined, [later, soon]);

    const first = await screen.findByRole('list', { name: 'Jobs' });
    expect(screen.getByRole('status').textContent).toContain('Loading jobs…');
    expect(
      within(first)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([jasmine.stringContaining('Replace valve'), jasmine.stringContaining('Paint fence')]);

    const firstCard = within(first).getAllByRole('link')[0];
    jobs$.next([soon, later, job('Check gauge')]);
    expect(await screen.findByText('3 of 3 jobs')).toBeTruthy();
    const all = within(screen.getByRole('list', { name: 'Jobs' })).getAllByRole('link');
    // The cards shown early stay (a user's focus or tap on one is not lost when the rest arrive).
    expect(all[0]).toBe(firstCard);
    expect(all.map((link) => link.textContent)).toEqual([
      jasmine.stringContaining('Replace valve'),
      jasmine.stringContaining('Paint fence'),
      jasmine.stringContaining('Check gauge'),
    ]);
  });

  it('lists jobs as links and marks overdue ones', async () => {
    const { jobs$ } = await renderJobList();
    const late = job('Replace valve', { dueDate: '2025-06-01' });
    jobs$.next([late, job('Paint fence', { dueDate: '2025-06-20' })]);

    const list = await screen.findByRole('list', { name: 'Jobs' });
    const link = await within(list).findByRole('link', { name: /Replace valve/ });

    expect(link.getAttribute('href')).toBe(`/jobs/${late.id}`);
    expect(link.textContent).toContain('Overdue 9 days');
    expect(link.textContent).not.toContain('2025-06-01');
    expect(within(list).getByRole('link', { name: /Paint fence/ }).textContent).not.toContain('Overdue');
  });

  it('toggles status chips that show counts and filters the list', async () => {
    const { jobs$ } = await renderJobList();
    jobs$.next([
      job('Open one'),
      job('Done one', { status: JobStatus.DONE }),
      job('Done two', { status: JobStatus.DONE }),
    ]);

    const filters = await screen.findByRole('button', { name: 'Filters' });
    expect(filters.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Done 2' })).toBeNull();
    await userEvent.click(filters);
    expect(filters.getAttribute('aria-expanded')).toBe('true');

    const done = await screen.findByRole('button', { name: 'Done 2' });
    expect(done.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(done);

    expect(done.getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText('2 of 3 jobs')).toBeTruthy();
    expect(await screen.findByRole('button', { name: /^Filters\s*1\s*active$/ })).toBe(filters);
    expect(screen.queryByRole('link', { name: /Open one/ })).toBeNull();
  });

  it('shows the overdue view and offers to clear filters when nothing matches', async () => {
    const { jobs$ } = await renderJobList();
    jobs$.next([job('Late', { dueDate: '2025-06-01' }), job('Fine', { dueDate: '2025-06-30' })]);

    await userEvent.click(await screen.findByRole('button', { name: 'Overdue 1' }));
    expect(screen.getByRole('link', { name: /Late/ })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Fine/ })).toBeNull();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search jobs' }), 'zzz');
    expect(await screen.findByRole('heading', { name: 'No jobs match' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: /Late/ })).toBeTruthy();
  });

  it('asks for the crew member’s name in the Mine view and then shows their jobs', async () => {
    const { jobs$, saved } = await renderJobList();
    jobs$.next([job('Ana’s job', { assignee: 'Ana' }), job('Ben’s job', { assignee: 'Ben' })]);

    await userEvent.click(await screen.findByRole('button', { name: 'Mine 0' }));
    expect(screen.getByRole('heading', { name: 'Who is using this device?' })).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Your name on this device' }), 'Ana');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));

    expect(saved).toEqual(['Ana']);
    expect(await screen.findByRole('link', { name: /Ana’s job/ })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Ben’s job/ })).toBeNull();
  });

  it('names the site on each card, and filters by site from Filters', async () => {
    const { jobs$ } = await renderJobList();
    jobs$.next([job('Pump check', { siteID: harbour.id }), job('Crusher check', { siteID: quarry.id })]);

    const list = await screen.findByRole('list', { name: 'Jobs' });
    expect(within(list).getByRole('link', { name: /Pump check/ }).textContent).toContain('Harbour Pump Station');
    await userEvent.click(screen.getByRole('button', { name: 'Filters' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Site' }), 'Quarry');

    expect(await screen.findByText('1 of 2 jobs')).toBeTruthy();
    expect(within(list).queryByRole('link', { name: /Pump check/ })).toBeNull();
    expect(await screen.findByRole('button', { name: /^Filters\s*1\s*active$/ })).toBeTruthy();
  });

  it('filters by crew on a device holding several crews, and names the crew when it hides every job', async () => {
    const { jobs$ } = await renderJobList();
    jobs$.next([
      job('Pump check', { siteID: harbour.id, crewID: NORTH.id }),
      job('Crusher check', { siteID: quarry.id, crewID: SOUTH.id }),
    ]);
    const list = await screen.findByRole('list', { name: 'Jobs' });
    await userEvent.click(screen.getByRole('button', { name: 'Filters' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Crew' }), 'South');

    expect(await screen.findByText('1 of 2 jobs')).toBeTruthy();
    expect(within(list).queryByRole('link', { name: /Pump check/ })).toBeNull();
    expect(within(list).getByRole('link', { name: /Crusher check/ })).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search jobs' }), 'pump');
    const empty = await screen.findByRole('region', { name: 'No jobs match' });
    expect(empty.textContent).toContain('Hidden by search “pump”, crew South.');
  });

  it('counts each view among the jobs the filters let through, and names the filters that hide them all', async () => {
    const { jobs$ } = await renderJobList();
    jobs$.next([
      job('Pump check', { siteID: harbour.id, dueDate: '2025-06-10' }),
      job('Crusher check', { siteID: quarry.id, dueDate: '2025-06-01' }),
      job('Crusher belts', { siteID: quarry.id, dueDate: '2025-06-10' }),
    ]);
    expect(await screen.findByRole('button', { name: 'Today 2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Overdue 1' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Filters' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Site' }), 'Harbour Pump Station');
    expect(await screen.findByRole('button', { name: 'Today 1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Overdue 0' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'All 1' })).toBeTruthy();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search jobs' }), 'crusher');
    const empty = await screen.findByRole('region', { name: 'No jobs match' });
    expect(empty.textContent).toContain('Hidden by search “crusher”, site Harbour Pump Station.');
    expect(screen.getByRole('button', { name: 'Today 0' })).toBeTruthy();
  });

  it('stays light at 10,000 jobs: cards are added a page at a time, as the user nears the end', async () => {
    const { jobs$ } = await renderJobList();
    jobs$.next(Array.from({ length: 10_000 }, (_, i) => job(`Job ${String(i).padStart(5, '0')}`)));

    expect(await screen.findByText('10000 of 10000 jobs')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Jobs' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBe(JOB_PAGE_SIZE);
    expect(rows[0].getAttribute('aria-setsize')).toBe('10000');

    await userEvent.click(screen.getByRole('button', { name: `Show more jobs (${10_000 - JOB_PAGE_SIZE} not shown)` }));
    expect(within(list).getAllByRole('listitem').length).toBe(2 * JOB_PAGE_SIZE);
  });

  it('counts one job as one job', async () => {
    const { jobs$ } = await renderJobList();
    jobs$.next([job('Pump check', { siteID: harbour.id })]);

    expect(await screen.findByText('1 of 1 job')).toBeTruthy();
  });

  it('opens the view named in the address, as the dashboard’s overdue link does', async () => {
    const { jobs$ } = await renderJobList('overdue');
    jobs$.next([job('Late', { dueDate: '2025-06-01' }), job('Fine', { dueDate: '2025-06-30' })]);

    expect((await screen.findByRole('button', { name: 'Overdue 1' })).getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText('1 of 2 jobs')).toBeTruthy();
  });
});
