import { formatDate } from '@angular/common';
import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BehaviorSubject } from 'rxjs';

import { FieldNote, Job, JobPriority, JobStatus, Site } from '../../../../models';
import { FieldNoteRepository } from '../../notes/data/field-note-repository';
import { SiteRepository } from '../../sites/data/site-repository';
import { JobRepository } from '../data/job-repository';
import { CLOCK } from '../util/local-date';
import { JobReport } from './job-report';
import { PRINT_PAGE, REPORT_SHARING, type ReportShare, type ReportSharing } from './report-output';

const site = new Site({ name: 'Harbour Pump Station', address: '1 Quay Road' });

const job = new Job({
  siteID: site.id,
  title: 'Inspect intake screens',
  description: 'Both screens, then the sump.',
  status: JobStatus.IN_PROGRESS,
  priority: JobPriority.HIGH,
  assignee: 'Ana',
  dueDate: '2025-06-12',
  checklist: [
    { id: 'a', label: 'Isolate pumps', done: true, doneAt: '2025-06-10T08:15:00.000Z' },
    { id: 'b', label: 'Clear screen 2', done: false },
  ],
});

const notes = [
  new FieldNote({
    jobID: job.id,
    body: 'Pressure after clearing',
    observedAt: '2025-06-10T09:30:00.000Z',
    reading: 71.5,
    unit: 'bar',
    author: 'Ana',
  }),
  new FieldNote({ jobID: job.id, body: 'Screen 2 partly blocked', observedAt: '2025-06-10T08:40:00.000Z' }),
];

interface Options {
  readonly sharing?: ReportSharing | null;
  /** The job is not on the device. */
  readonly missing?: boolean;
}

async function renderReport({ sharing = null, missing = false }: Options = {}) {
  const shown = missing ? undefined : job;
  const printed: string[] = [];
  await render(JobReport, {
    inputs: { id: job.id },
    providers: [
      provideRouter([]),
      { provide: JobRepository, useValue: { watchById: () => new BehaviorSubject(shown) } },
      { provide: FieldNoteRepository, useValue: { watchByJob: () => new BehaviorSubject(notes) } },
      { provide: SiteRepository, useValue: { findById: async () => site } },
      { provide: CLOCK, useValue: () => new Date(2025, 5, 11, 12, 0) },
      { provide: PRINT_PAGE, useValue: () => printed.push('print') },
      { provide: REPORT_SHARING, useValue: sharing },
    ],
  });
  return { printed };
}

describe('JobReport page', () => {
  it('shows the job’s details under its title', async () => {
    await renderReport();

    expect(await screen.findByRole('heading', { level: 1, name: 'Inspect intake screens' })).toBeTruthy();
    const details = within(screen.getByRole('region', { name: 'Details' }));
    expect(await details.findByText('Harbour Pump Station')).toBeTruthy();
    expect(details.getByText('1 Quay Road')).toBeTruthy();
    expect(details.getByText('In progress')).toBeTruthy();
    expect(details.getByText('High')).toBeTruthy();
    expect(details.getByText('Thursday, June 12, 2025')).toBeTruthy();
    expect(details.getByText('Ana')).toBeTruthy();
    expect(details.getByText('Both screens, then the sump.')).toBeTruthy();
  });

  it('lists every checklist item with its state and when it was ticked', async () => {
    await renderReport();

    const rows = within(await screen.findByRole('region', { name: /^Checklist/ })).getAllByRole('row');
    const cells = rows.slice(1).map((row) => {
      const { getByRole, getAllByRole } = within(row);
      return [getByRole('rowheader'), ...getAllByRole('cell')].map((cell) => cell.textContent?.trim());
    });
    expect(cells).toEqual([
      ['Isolate pumps', 'Done', formatDate('2025-06-10T08:15:00.000Z', 'medium', 'en-US')],
      ['Clear screen 2', 'Not done', ''],
    ]);
    expect(screen.getByRole('heading', { level: 2, name: /Checklist/ }).textContent).toContain('1 of 2 done');
  });

  it('lists the field notes oldest first, with their readings and authors', async () => {
    await renderReport();

    const [first, second] = within(await screen.findByRole('list', { name: /Field notes/ })).getAllByRole('listitem');
    expect(within(first!).getByText('Screen 2 partly blocked')).toBeTruthy();
    expect(within(first!).getByText(/Author not recorded/)).toBeTruthy();
    expect(within(first!).queryByText(/Reading/)).toBeNull();
    expect(within(second!).getByText('Pressure after clearing')).toBeTruthy();
    expect(within(second!).getByText(/Ana/)).toBeTruthy();
    expect(second!.textContent).toContain('Reading: 71.5 bar');
  });

  it('prints with one button', async () => {
    const { printed } = await renderReport();

    await userEvent.click(await screen.findByRole('button', { name: 'Print or save as PDF' }));

    expect(printed).toEqual(['print']);
  });

  it('shares the report’s summary and address through the share sheet', async () => {
    const shared: ReportShare[] = [];
    await renderReport({ sharing: { label: 'Share', send: async (report) => void shared.push(report) } });

    await userEvent.click(await screen.findByRole('button', { name: 'Share' }));

    expect(shared.length).toBe(1);
    expect(shared[0]?.title).toBe('Job report: Inspect intake screens');
    expect(shared[0]?.url).toBe(location.href);
    expect(shared[0]?.text).toContain('[x] Isolate pumps');
    expect(shared[0]?.text).toContain('Pressure after clearing (reading 71.5 bar)');
  });

  it('says so when sharing fails, and stays quiet when the user closes the share sheet', async () => {
    let failure: Error = new DOMException('Share canceled', 'AbortError');
    await renderReport({ sharing: { label: 'Share', send: () => Promise.reject(failure) } });
    const share = await screen.findByRole('button', { name: 'Share' });

    await userEvent.click(share);
    expect(screen.getByRole('status').textContent?.trim()).toBe('');

    failure = new Error('Permission denied');
    await userEvent.click(share);
    expect(screen.getByRole('status').textContent).toContain(
      'Sharing the report failed: Permission denied. Print or save as PDF instead.',
    );
  });

  it('offers to copy the summary where the device has no share sheet', async () => {
    await renderReport({ sharing: { label: 'Copy summary', send: async () => undefined } });
    await userEvent.click(await screen.findByRole('button', { name: 'Copy summary' }));
    expect(screen.getByRole('status').textContent).toContain('The summary and the link are copied.');
  });

  it('has no share button on a device that can neither share nor copy', async () => {
    await renderReport({ sharing: null });
    await screen.findByRole('button', { name: 'Print or save as PDF' });
    expect(screen.queryByRole('button', { name: /Share|Copy/ })).toBeNull();
  });

  it('says when the job is not on this device', async () => {
    await renderReport({ missing: true });
    expect(await screen.findByRole('heading', { name: 'This job is not on this device' })).toBeTruthy();
  });
});
