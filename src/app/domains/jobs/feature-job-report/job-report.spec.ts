import { formatDate } from '@angular/common';
import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BehaviorSubject } from 'rxjs';

import { Attachment, FieldNote, Job, JobPriority, JobStatus, type SignOff, Site } from '../../../../models';
import { Permissions } from '../../account/api';
import { ChangeLogRepository } from '../../history/data/change-log-repository';
import { type HistoryEntry } from '../../history/util/history-entry';
import { FieldNoteRepository } from '../../notes/data/field-note-repository';
import { AttachmentRepository } from '../../photos/data/attachment-repository';
import { PHOTO_DATABASE, PhotoBytes } from '../../photos/data/photo-bytes';
import { makeImage } from '../../photos/util/photo-test-images.testing';
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

/** A photo of the job, taken for `note` (or the job itself); `stored` puts its bytes on this device. */
interface PhotoOf {
  readonly note?: FieldNote;
  readonly caption?: string;
  readonly stored: boolean;
}

/** The photo records, and the bytes of those `stored` in the device's real photo database. */
async function photosOf(photos: readonly PhotoOf[]): Promise<Attachment[]> {
  // Its own connection, closed once the bytes are in: the page reads them through its own.
  const bytes = new PhotoBytes();
  const records = await Promise.all(
    photos.map(async ({ note, caption, stored }, index) => {
      const hash = `hash-${index}`;
      if (stored) {
        const blob = await makeImage(80 + index, 60);
        await bytes.save({ hash, blob, contentType: 'image/png', savedAt: Date.now() });
      }
      return new Attachment({
        jobID: job.id,
        fieldNoteID: note?.id ?? null,
        key: `public/photos/${job.id}/${index}.png`,
        contentHash: hash,
        contentType: 'image/png',
        size: 1000,
        width: 80 + index,
        height: 60,
        caption: caption ?? null,
        takenAt: `2025-06-10T10:0${index}:00.000Z`,
        uploadedAt: '2025-06-10T11:00:00.000Z',
      });
    }),
  );
  bytes.ngOnDestroy();
  return records;
}

/** A saved change to the job's status, as the job's history holds it. */
function statusChange(to: JobStatus, savedAt: string, author: string | null): HistoryEntry {
  return {
    id: `${to}-${savedAt}`,
    operation: 'update',
    savedAt,
    author,
    device: 'Phone',
    changes: [{ field: 'status', from: JobStatus.IN_PROGRESS, to }],
    outcome: 'saved',
  };
}

interface Options {
  readonly sharing?: ReportSharing | null;
  /** The job is not on the device. */
  readonly missing?: boolean;
  readonly shown?: Job;
  readonly photos?: readonly PhotoOf[];
  /** The job's history, newest first. */
  readonly history?: readonly HistoryEntry[];
  readonly notes?: readonly FieldNote[];
}

async function renderReport({
  sharing = null,
  missing = false,
  shown = job,
  photos = [],
  history = [],
  notes: shownNotes = notes,
}: Options = {}) {
  const printed: string[] = [];
  const attachments = await photosOf(photos);
  const jobs = new BehaviorSubject(missing ? undefined : shown);
  await render(JobReport, {
    inputs: { id: job.id },
    providers: [
      provideRouter([]),
      { provide: JobRepository, useValue: { watchById: () => jobs } },
      { provide: FieldNoteRepository, useValue: { watchByJob: () => new BehaviorSubject(shownNotes) } },
      { provide: AttachmentRepository, useValue: { watchByJob: () => new BehaviorSubject(attachments) } },
      { provide: ChangeLogRepository, useValue: { watchFor: () => new BehaviorSubject(history) } },
      { provide: SiteRepository, useValue: { findById: async () => site } },
      { provide: CLOCK, useValue: () => new Date(2025, 5, 11, 12, 0) },
      { provide: PRINT_PAGE, useValue: () => printed.push('print') },
      { provide: REPORT_SHARING, useValue: sharing },
    ],
  });
  return { printed, jobs };
}

/** What the report's details say for a term ("Status", "Completed"), or null when it has no such term. */
function fact(term: string): string | null {
  const details = within(screen.getByRole('region', { name: 'Details' }));
  const at = details.getAllByRole('term').findIndex((each) => each.textContent?.trim() === term);
  return at < 0 ? null : flat(details.getAllByRole('definition')[at]?.textContent ?? '');
}

/** Spaces as a person reads them: the template's line breaks and the locale's narrow spaces alike. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const done = Job.copyOf(job, (draft) => void (draft.status = JobStatus.DONE));

describe('JobReport page', () => {
  beforeEach(async () => {
    await new Promise((resolve) => (indexedDB.deleteDatabase(PHOTO_DATABASE).onsuccess = resolve));
  });
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
    expect(shared[0]?.text.split('\n')[1]).toBe(`Ref. ${job.id.slice(0, 8).toUpperCase()}`);
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

  it('shows a short reference under the title, the start of the job’s id', async () => {
    await renderReport();

    await screen.findByRole('heading', { level: 1, name: 'Inspect intake screens' });
    const reference = job.id.slice(0, 8).toUpperCase();
    expect(reference).toMatch(/^[0-9A-F]{8}$/);
    expect(screen.getByText(`Ref. ${reference}`)).toBeTruthy();
  });

  it('shows when a Done job was completed and by whom: the newest change that set it Done', async () => {
    await renderReport({
      shown: done,
      history: [
        statusChange(JobStatus.DONE, '2025-06-11T10:00:00.000Z', 'Ben Ortiz'),
        statusChange(JobStatus.IN_PROGRESS, '2025-06-10T16:00:00.000Z', 'Ana'),
        statusChange(JobStatus.DONE, '2025-06-10T15:00:00.000Z', 'Ana'),
      ],
    });

    await screen.findByRole('region', { name: 'Details' });
    expect(fact('Status')).toBe('Done');
    expect(fact('Completed')).toBe(flat(`${formatDate('2025-06-11T10:00:00.000Z', 'medium', 'en-US')} by Ben Ortiz`));
  });

  it('says plainly when this device does not know when or by whom a Done job was completed', async () => {
    await renderReport({ shown: done, history: [] });

    await screen.findByRole('region', { name: 'Details' });
    expect(fact('Completed')).toBe('When and by whom is not known on this device');
  });

  it('has no completed line for a job that is not Done, nor once a Done job is reopened', async () => {
    const history = [statusChange(JobStatus.DONE, '2025-06-09T10:00:00.000Z', 'Ana')];
    const { jobs } = await renderReport({ shown: done, history });
    await screen.findByRole('region', { name: 'Details' });
    expect(fact('Completed')).toContain('by Ana');

    jobs.next(job);

    expect(await screen.findByText('In progress')).toBeTruthy();
    expect(fact('Completed')).toBeNull();
  });

  it('shows every photo with its caption and the note it belongs to, the note shortened', async () => {
    const long = new FieldNote({
      jobID: job.id,
      body: 'Sump pump impeller worn on two blades, replaced the gasket and the wear ring, tested for ten minutes at full flow',
      observedAt: '2025-06-10T10:30:00.000Z',
    });
    await renderReport({
      notes: [long, ...notes],
      photos: [
        { note: notes[1], caption: 'Screen 2 before clearing', stored: true },
        { stored: true },
        { note: long, caption: 'Worn impeller', stored: true },
      ],
    });

    const list = within(await screen.findByRole('list', { name: /^Photos/ }));
    const items = await list.findAllByRole('img').then(() => list.getAllByRole('listitem'));
    expect(items.length).toBe(3);
    expect(within(items[0]!).getByRole('img', { name: 'Screen 2 before clearing' })).toBeTruthy();
    expect(within(items[0]!).getByText('Screen 2 before clearing', { selector: 'figcaption *' })).toBeTruthy();
    expect(within(items[0]!).getByText('Note: Screen 2 partly blocked')).toBeTruthy();
    expect(within(items[1]!).getByRole('img', { name: 'Photo 2 of 3' })).toBeTruthy();
    expect(within(items[1]!).getByText('Job photo')).toBeTruthy();
    expect(within(items[2]!).getByRole('img', { name: 'Worn impeller' })).toBeTruthy();
    expect(within(items[2]!).getByText(/^Note: Sump pump impeller worn/).textContent).toBe(
      'Note: Sump pump impeller worn on two blades, replaced the gasket and the wear ring…',
    );
    expect(screen.getByRole('heading', { level: 2, name: /^Photos/ }).textContent).toContain('3');
  });

  it('says in its place that a photo is not on this device, with its caption and note', async () => {
    await renderReport({ photos: [{ note: notes[0], caption: 'Gauge at 71.5 bar', stored: false }] });

    const [item] = within(await screen.findByRole('list', { name: /^Photos/ })).getAllByRole('listitem');
    expect(within(item!).getByText('Photo not on this device')).toBeTruthy();
    expect(within(item!).getByText('Gauge at 71.5 bar')).toBeTruthy();
    expect(within(item!).getByText('Note: Pressure after clearing')).toBeTruthy();
    expect(within(item!).queryByRole('img')).toBeNull();
  });

  it('says “No photos” for a job without any', async () => {
    await renderReport();

    const photos = within(await screen.findByRole('region', { name: /^Photos/ }));
    expect(photos.getByText('No photos.')).toBeTruthy();
    expect(photos.queryByRole('list')).toBeNull();
  });
});

describe('JobReport sign-off', () => {
  /** Draws a stroke across the signature box as a finger would. */
  function drawStroke(): void {
    const box = screen.getByRole('img', { name: /^Signature box/ });
    const { left, top, width, height } = box.getBoundingClientRect();
    const at = (type: string, x: number, y: number) =>
      box.dispatchEvent(
        new PointerEvent(type, { pointerId: 7, bubbles: true, clientX: left + x * width, clientY: top + y * height }),
      );
    at('pointerdown', 0.1, 0.5);
    at('pointermove', 0.3, 0.3);
    at('pointermove', 0.5, 0.7);
    at('pointerup', 0.7, 0.4);
  }

  async function renderSignable(shown: Job = done, may = true) {
    const signed: { id: string; signerName: string; signature: string; reportFingerprint: string }[] = [];
    const jobs = new BehaviorSubject<Job | undefined>(shown);
    await render(JobReport, {
      inputs: { id: job.id },
      providers: [
        provideRouter([]),
        {
          provide: JobRepository,
          useValue: {
            watchById: () => jobs,
            signOff: async (id: string, signature: Omit<SignOff, 'signedAt'>) => {
              signed.push({ id, ...signature });
              const next = Job.copyOf(jobs.value ?? shown, (draft) => {
                draft.signOff = { ...signature, signedAt: '2025-06-11T12:05:00.000Z' };
              });
              jobs.next(next);
              return next;
            },
          },
        },
        { provide: Permissions, useValue: { may: () => may } },
        { provide: FieldNoteRepository, useValue: { watchByJob: () => new BehaviorSubject(notes) } },
        { provide: AttachmentRepository, useValue: { watchByJob: () => new BehaviorSubject([]) } },
        { provide: ChangeLogRepository, useValue: { watchFor: () => new BehaviorSubject([]) } },
        { provide: SiteRepository, useValue: { findById: async () => site } },
        { provide: CLOCK, useValue: () => new Date(2025, 5, 11, 12, 0) },
        { provide: PRINT_PAGE, useValue: () => undefined },
        { provide: REPORT_SHARING, useValue: null },
      ],
    });
    return { signed, jobs };
  }

  it('takes the signer’s name and drawing, and shows whom it was signed by and when', async () => {
    const { signed } = await renderSignable();
    const section = within(await screen.findByRole('region', { name: 'Sign-off' }));
    expect(section.getByText('Not signed.')).toBeTruthy();

    await userEvent.click(section.getByRole('button', { name: 'Sign the report' }));
    await userEvent.type(section.getByRole('textbox', { name: 'Name of the person signing' }), 'Kim Customer');
    drawStroke();
    await userEvent.click(section.getByRole('button', { name: 'Sign the report' }));

    expect(await section.findByRole('img', { name: 'Signature of Kim Customer' })).toBeTruthy();
    expect(flat(section.getByRole('figure').textContent ?? '')).toContain(
      flat(`Signed by Kim Customer · ${formatDate('2025-06-11T12:05:00.000Z', 'medium', 'en-US')}`),
    );
    expect(signed.length).toBe(1);
    expect(signed[0]?.signature).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3}$/);
    expect(section.queryByText(/Changed after signing/)).toBeNull();
    expect(section.getByRole('button', { name: 'Sign again' })).toBeTruthy();
  });

  it('asks for a name and a drawn signature before it keeps anything', async () => {
    const { signed } = await renderSignable();
    const section = within(await screen.findByRole('region', { name: 'Sign-off' }));
    await userEvent.click(section.getByRole('button', { name: 'Sign the report' }));

    await userEvent.click(section.getByRole('button', { name: 'Sign the report' }));
    expect((await section.findByRole('alert')).textContent).toContain('Type the name of the person signing.');
    await userEvent.type(section.getByRole('textbox', { name: 'Name of the person signing' }), 'Kim');
    await userEvent.click(section.getByRole('button', { name: 'Sign the report' }));
    expect(section.getByRole('alert').textContent).toContain('Sign in the box first.');
    expect(signed).toEqual([]);
  });

  it('says the report changed after signing once what it states differs', async () => {
    const { jobs } = await renderSignable();
    const section = within(await screen.findByRole('region', { name: 'Sign-off' }));
    await userEvent.click(section.getByRole('button', { name: 'Sign the report' }));
    await userEvent.type(section.getByRole('textbox', { name: 'Name of the person signing' }), 'Kim');
    drawStroke();
    await userEvent.click(section.getByRole('button', { name: 'Sign the report' }));
    await section.findByRole('img', { name: 'Signature of Kim' });

    jobs.next(Job.copyOf(jobs.value ?? done, (draft) => void (draft.title = 'Inspect intake screens again')));

    expect((await section.findByText(/Changed after signing/)).textContent).toContain('Changed after signing.');
  });

  it('offers no signing to someone who may not edit the job', async () => {
    await renderSignable(done, false);
    const section = within(await screen.findByRole('region', { name: 'Sign-off' }));
    expect(section.getByText('Not signed.')).toBeTruthy();
    expect(section.queryByRole('button', { name: /Sign/ })).toBeNull();
  });
});
