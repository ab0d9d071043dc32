import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, Subject } from 'rxjs';

import { type FieldNote, Job, JobPriority, JobStatus, Site } from '../../../../models';
import { CrewMemberPreference } from '../../device/data/crew-member-preference';
import { type FieldNoteDraft, FieldNoteRepository } from '../../notes/data/field-note-repository';
import { type NoteEdit } from '../../notes/ui/note-edit-form';
import { SiteRepository } from '../../sites/data/site-repository';
import { JobRepository } from '../data/job-repository';
import { JobDetailStore } from './job-detail-store';

describe('JobDetailStore', () => {
  const site = new Site({ name: 'Quarry' });
  let job$: Subject<Job | undefined>;
  let notes$: BehaviorSubject<readonly FieldNote[]>;
  let calls: unknown[][];
  let failNext: Error | null;
  /** The crew member's name as the device keeps it. */
  let crewName: string;
  let store: InstanceType<typeof JobDetailStore>;

  const job = new Job({
    siteID: site.id,
    title: 'Replace valve',
    status: JobStatus.OPEN,
    priority: JobPriority.HIGH,
    checklist: [
      { id: 'a', label: 'Isolate', done: true },
      { id: 'b', label: 'Replace', done: false },
    ],
  });

  beforeEach(() => {
    job$ = new Subject();
    notes$ = new BehaviorSubject<readonly FieldNote[]>([]);
    calls = [];
    failNext = null;
    crewName = 'Ana';
    const record =
      (name: string) =>
      async (...args: unknown[]) => {
        if (failNext) throw failNext;
        calls.push([name, ...args]);
      };
    TestBed.configureTestingModule({
      providers: [
        JobDetailStore,
        {
          provide: JobRepository,
          useValue: {
            watchById: (id: string) => (id === job.id ? job$ : new BehaviorSubject(undefined)),
            setStatus: record('setStatus'),
            toggleChecklistItem: record('toggle'),
            addChecklistItem: record('addItem'),
            renameChecklistItem: record('renameItem'),
            removeChecklistItem: record('removeItem'),
            remove: record('remove'),
          },
        },
        {
          provide: FieldNoteRepository,
          useValue: {
            watchByJob: () => notes$,
            add: record('addNote'),
            remove: record('removeNote'),
            edit: record('editNote'),
          },
        },
        { provide: SiteRepository, useValue: { findById: async (id: string) => (id === site.id ? site : undefined) } },
        {
          provide: CrewMemberPreference,
          useValue: {
            read: () => crewName,
            write: (name: string) => (crewName = name.trim()),
            fromAccount: () => false,
          },
        },
      ],
    });
    store = TestBed.inject(JobDetailStore);
  });

  async function loadJob(): Promise<void> {
    store.load(job.id);
    job$.next(job);
    await new Promise((resolve) => setTimeout(resolve));
  }

  it('shows the job, its site, its notes and checklist progress', async () => {
    await loadJob();
    const note = { id: 'n1', body: 'Leaking' } as FieldNote;
    notes$.next([note]);

    expect(store.job()?.title).toBe('Replace valve');
    expect(store.site()?.name).toBe('Quarry');
    expect(store.notes()).toEqual([note]);
    expect(store.progress()).toEqual({ done: 1, total: 2, percent: 50 });
  });

  it('reports a job that is not on this device, or gets deleted while open', async () => {
    await loadJob();
    job$.next(undefined);
    await new Promise((resolve) => setTimeout(resolve));

    expect(store.missing()).toBeTrue();
    expect(store.job()).toBeNull();
  });

  it('sends every edit to the repositories for this job, with the crew member as note author', async () => {
    await loadJob();

    expect(await store.setStatus(JobStatus.DONE)).toBeTrue();
    await store.toggleChecklistItem('b');
    await store.addChecklistItem('Test');
    await store.renameChecklistItem('a', 'Isolate mains');
    await store.removeChecklistItem('a');
    await store.addNote({ body: 'Done', observedAt: '2025-01-01T00:00:00.000Z', reading: 3, unit: 'bar' });
    await store.removeNote('n1');
    await store.deleteJob();

    expect(calls).toEqual([
      ['setStatus', job.id, JobStatus.DONE],
      ['toggle', job.id, 'b'],
      ['addItem', job.id, 'Test'],
      ['renameItem', job.id, 'a', 'Isolate mains'],
      ['removeItem', job.id, 'a'],
      [
        'addNote',
        {
          body: 'Done',
          observedAt: '2025-01-01T00:00:00.000Z',
          reading: 3,
          unit: 'bar',
          jobID: job.id,
          author: 'Ana',
        } satisfies FieldNoteDraft,
      ],
      ['removeNote', 'n1'],
      ['remove', job.id],
    ]);
  });

  it('remembers the name typed with the first note, and marks the next edit with it', async () => {
    crewName = '';
    await loadJob();
    expect(store.crewMember()).toBe('');

    await store.addNote({ body: 'Gate open', observedAt: '2025-01-01T00:00:00.000Z', author: ' Ben ' });
    expect(crewName).toBe('Ben');
    expect(store.crewMember()).toBe('Ben');
    const whole = { jobID: job.id, body: 'Gate shut', observedAt: '2025-01-01T00:00:00.000Z' };
    await store.editNote({ id: 'n1', changes: { body: 'Gate shut' }, whole } as NoteEdit);

    expect(calls).toEqual([
      ['addNote', jasmine.objectContaining({ body: 'Gate open', jobID: job.id, author: 'Ben' })],
      ['editNote', 'n1', { body: 'Gate shut' }, whole, 'Ben'],
    ]);
  });

  it('still saves the note with the name when the device cannot keep it', async () => {
    crewName = '';
    TestBed.inject(CrewMemberPreference).write = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    await loadJob();

    expect(
      await store.addNote({ body: 'Gate open', observedAt: '2025-01-01T00:00:00.000Z', author: 'Ben' }),
    ).toBeTrue();
    expect(calls).toEqual([['addNote', jasmine.objectContaining({ author: 'Ben' })]]);
  });

  it('turns a failed write into a message and false', async () => {
    await loadJob();
    failNext = new Error('storage full');

    expect(await store.setStatus(JobStatus.DONE)).toBeFalse();
    expect(store.error()).toBe('Changing the status failed: storage full');
  });
});
