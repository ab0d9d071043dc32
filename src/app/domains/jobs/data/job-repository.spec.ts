import { TestBed } from '@angular/core/testing';
import { DataStore, SortDirection, type StorageAdapter } from '@aws-amplify/datastore';
import stockIndexedDbAdapter from '@aws-amplify/datastore/dist/esm/storage/adapter/IndexedDBAdapter.mjs';
import { filter, firstValueFrom, map, type Subscription, timeout } from 'rxjs';

import { ChangeLogEntry, FieldNote, Handover, Job, JobPriority, JobStatus, Site } from '../../../../models';
import { FieldNoteRepository } from '../../notes/data/field-note-repository';
import { DeviceChanges } from '../../shared/data/device-changes';
import { dropHandoverNote, handoverNotes } from '../../shared/data/handover-notes';
import { SiteRepository } from '../../sites/data/site-repository';
import { clearLocalData } from '../../sync/data/datastore-setup';
import { fieldbookStorageAdapter } from '../../sync/data/fieldbook-storage-adapter';
import { JobRepository } from './job-repository';

describe('JobRepository (real DataStore in Chromium)', () => {
  let repository: JobRepository;
  let siteId: string;

  // This tab's DataStore owns the store, as the sync leader's does: it feeds every live list.
  let feed: Subscription;

  beforeEach(async () => {
    await clearLocalData();
    for (const note of handoverNotes()) dropHandoverNote(note.id);
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
    repository = TestBed.inject(JobRepository);
    siteId = (await TestBed.inject(SiteRepository).create({ name: 'Pump station 4' })).id;
  });

  afterEach(async () => {
    feed.unsubscribe();
    await clearLocalData();
  });

  it('saves a job as OPEN with an empty checklist and reads it back', async () => {
    const created = await repository.create({ siteID: siteId, title: 'Replace valve', priority: JobPriority.HIGH });

    const found = await repository.findById(created.id);

    expect(found?.title).toBe('Replace valve');
    expect(found?.status).toBe(JobStatus.OPEN);
    expect(found?.checklist).toEqual([]);
  });

  it('shows a new job in the open list well before observeQuery’s 2 s batching', async () => {
    const startedAt = performance.now();
    const appears = firstValueFrom(
      repository.watchAll().pipe(
        map((jobs) => jobs.map((job) => job.title)),
        filter((titles) => titles.includes('Inspect pump')),
        timeout(1500),
      ),
    );

    await repository.create({ siteID: siteId, title: 'Inspect pump', priority: JobPriority.NORMAL });

    expect(await appears).toContain('Inspect pump');
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it('shows an edit in the open list well before observeQuery’s 2 s batching', async () => {
    const job = await repository.create({ siteID: siteId, title: 'Inspect pump', priority: JobPriority.NORMAL });
    const live = repository.watchAll();
    await firstValueFrom(live.pipe(filter((jobs) => jobs.length === 1)));
    const startedAt = performance.now();
    const edited = firstValueFrom(
      live.pipe(
        map((jobs) => jobs.find((each) => each.id === job.id)?.status),
        filter((status) => status === JobStatus.IN_PROGRESS),
        timeout(1500),
      ),
    );

    await repository.setStatus(job.id, JobStatus.IN_PROGRESS);

    expect(await edited).toBe(JobStatus.IN_PROGRESS);
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it('lists every job as DataStore reads it back, in DataStore’s title order', async () => {
    const fence = await repository.create({
      siteID: siteId,
      title: 'b fence',
      priority: JobPriority.LOW,
      tags: ['east'],
      dueDate: '2025-06-01',
      assignee: 'Ana',
    });
    await repository.addChecklistItem(fence.id, 'Posts');
    await repository.update(fence.id, { description: 'Posts down', assignee: null });
    await repository.create({ siteID: siteId, title: 'B fence', priority: JobPriority.HIGH });
    await repository.create({ siteID: siteId, title: 'a pump', priority: JobPriority.NORMAL });

    const listed = await firstValueFrom(repository.watchAll().pipe(filter((jobs) => jobs.length === 3)));
    const queried = await DataStore.query(Job, undefined, { sort: (job) => job.title(SortDirection.ASCENDING) });

    expect(listed.map((job) => ({ ...job }))).toEqual(queried.map((job) => ({ ...job })));
    expect(listed.map((job) => job.title)).toEqual(['B fence', 'a pump', 'b fence']);
  });

  it('lists only the jobs of one site', async () => {
    const otherSite = await TestBed.inject(SiteRepository).create({ name: 'Depot' });
    await repository.create({ siteID: siteId, title: 'Here', priority: JobPriority.LOW });
    await repository.create({ siteID: otherSite.id, title: 'Elsewhere', priority: JobPriority.LOW });

    const jobs = await firstValueFrom(repository.watchBySite(siteId).pipe(filter((list) => list.length > 0)));

    expect(jobs.map((job) => job.title)).toEqual(['Here']);
  });

  it('edits the checklist: add, rename, tick with a time, remove', async () => {
    const job = await repository.create({ siteID: siteId, title: 'Service', priority: JobPriority.NORMAL });

    const added = await repository.addChecklistItem(job.id, '  Isolate power ');
    const itemId = added.checklist![0].id;
    await repository.renameChecklistItem(job.id, itemId, 'Isolate mains');
    const ticked = await repository.toggleChecklistItem(job.id, itemId, new Date('2025-03-01T10:00:00Z'));

    expect(ticked.checklist).toEqual([
      { id: itemId, label: 'Isolate mains', done: true, doneAt: '2025-03-01T10:00:00.000Z' },
    ]);
    const removed = await repository.removeChecklistItem(job.id, itemId);
    expect(removed.checklist).toEqual([]);
  });

  it('follows one job live until it is deleted', async () => {
    const job = await repository.create({ siteID: siteId, title: 'Old title', priority: JobPriority.NORMAL });
    const live = repository.watchById(job.id);

    const renamed = firstValueFrom(live.pipe(filter((found) => found?.title === 'New title')));
    await repository.update(job.id, { title: 'New title', assignee: 'Ana' });
    expect((await renamed)?.assignee).toBe('Ana');

    const gone = firstValueFrom(live.pipe(filter((found) => found === undefined)));
    await repository.remove(job.id);
    expect(await gone).toBeUndefined();
    expect(await repository.findById(job.id)).toBeUndefined();
  });

  it('deletes the job’s field notes with it', async () => {
    const job = await repository.create({ siteID: siteId, title: 'Survey', priority: JobPriority.NORMAL });
    const notes = TestBed.inject(FieldNoteRepository);
    await notes.add({ jobID: job.id, body: 'Fence down', observedAt: new Date().toISOString() });
    await firstValueFrom(notes.watchByJob(job.id).pipe(filter((list) => list.length === 1)));

    await repository.remove(job.id);

    expect(await firstValueFrom(notes.watchByJob(job.id))).toEqual([]);
  });

  it('refuses to edit a job that is not on this device', async () => {
    await expectAsync(repository.setStatus('missing-id', JobStatus.DONE)).toBeRejectedWithError(/not on this device/);
  });

  describe('a job moved to a site of another crew', () => {
    let north: string;
    let south: string;
    let quay: string;

    beforeEach(async () => {
      const sites = TestBed.inject(SiteRepository);
      north = (await sites.create({ name: 'Harbour', crewID: 'north' })).id;
      quay = (await sites.create({ name: 'Quay', crewID: 'north' })).id;
      south = (await sites.create({ name: 'Dunes', crewID: 'south' })).id;
    });

    async function jobWithNote() {
      const job = await repository.create({ siteID: north, title: 'Replace valve', priority: JobPriority.NORMAL });
      const note = await DataStore.save(
        new FieldNote({
          jobID: job.id,
          body: 'Valve seized',
          observedAt: '2026-12-01T08:00:00.000Z',
          crewID: 'north',
          crewGroup: 'crew-north',
        }),
      );
      return { job, note };
    }

    it('by the office: moves with its notes and history, keeps North for updates, and notes its handover, with the other edits', async () => {
      const { job, note } = await jobWithNote();

      const moved = await repository.update(job.id, { siteID: south, title: 'Replace valve 2' }, { handOver: true });

      expect([moved.siteID, moved.title, moved.crewID, moved.crewGroup, moved.previousCrewGroup]).toEqual([
        south,
        'Replace valve 2',
        'south',
        'crew-south',
        'crew-north',
      ]);
      expect((await DataStore.query(FieldNote, note.id))?.crewGroup).toBe('crew-south');
      const history = await DataStore.query(ChangeLogEntry, (c) => c.recordID.eq(job.id));
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((entry) => entry.crewGroup === 'crew-south')).toBeTrue();
      // Written once the server has answered the move, naming the version it made (PendingHandovers).
      expect(handoverNotes().map((h) => [h.recordModel, h.recordID, h.crewGroup, h.toCrewID])).toEqual([
        ['Job', job.id, 'crew-north', 'south'],
      ]);
      expect(await DataStore.query(Handover)).toEqual([]);
    });

    it('by a member of both crews: moves the job alone, keeping North for updates, and writes no handover', async () => {
      const { job, note } = await jobWithNote();

      const moved = await repository.update(job.id, { siteID: south });

      expect([moved.crewGroup, moved.previousCrewGroup]).toEqual(['crew-south', 'crew-north']);
      expect((await DataStore.query(FieldNote, note.id))?.crewGroup).toBe('crew-north');
      expect(handoverNotes()).toEqual([]);
      expect(await DataStore.query(Handover)).toEqual([]);
    });

    it('to another site of the same crew: no move of crews, no handover', async () => {
      const { job } = await jobWithNote();

      const moved = await repository.update(job.id, { siteID: quay }, { handOver: true });

      expect([moved.siteID, moved.crewGroup, moved.previousCrewGroup ?? null]).toEqual([quay, 'crew-north', null]);
      expect(handoverNotes()).toEqual([]);
      expect(await DataStore.query(Handover)).toEqual([]);
    });
  });
});

describe('JobRepository.firstByDueDate (real DataStore in Chromium)', () => {
  const repository = () => TestBed.inject(JobRepository);
  let siteID = '';
  const due = (day: string | null, title: string) =>
    DataStore.save(new Job({ siteID, title, status: JobStatus.OPEN, priority: JobPriority.NORMAL, dueDate: day }));
  /** An empty device store on `adapter`, with one site for the jobs. */
  async function emptyStoreOn(adapter: StorageAdapter): Promise<void> {
    await clearLocalData();
    DataStore.configure({ storageAdapter: adapter });
    siteID = (await DataStore.save(new Site({ name: 'Depot' }))).id;
  }

  afterAll(async () => {
    await clearLocalData();
    DataStore.configure({ storageAdapter: stockIndexedDbAdapter });
  });

  it('reads nothing on the stock adapter, whose store has no due-date index', async () => {
    await emptyStoreOn(stockIndexedDbAdapter);
    await due('2025-06-01', 'Fence');

    expect(await repository().firstByDueDate(40)).toBeUndefined();
  });

  it('reads the first jobs by due date, with every job due on the day of the last, and none undated', async () => {
    await emptyStoreOn(fieldbookStorageAdapter(stockIndexedDbAdapter));
    const june = Array.from({ length: 30 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')}`);
    for (const day of june) await due(day, `June ${day}`);
    for (let i = 0; i < 15; i++) await due('2025-07-01', `July ${i}`);
    for (let i = 0; i < 5; i++) await due('2025-08-01', `August ${i}`);
    for (let i = 0; i < 5; i++) await due(null, `Undated ${i}`);

    const first = (await repository().firstByDueDate(40)) ?? [];

    // 30 in June and the 10th July job is the 40th: all 15 due that day come with it.
    expect(first.length).toBe(45);
    expect(new Set(first.map((job) => job.dueDate))).toEqual(new Set([...june, '2025-07-01']));
    // As the list shows them: the same fields as DataStore reads back.
    const fence = first.find((job) => job.title === 'June 2025-06-01');
    expect(fence ? { ...fence } : undefined).toEqual({ ...(await DataStore.query(Job, fence?.id ?? '')) } as never);
  });
});
