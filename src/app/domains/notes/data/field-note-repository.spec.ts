import { TestBed } from '@angular/core/testing';
import { filter, firstValueFrom, map, type Subscription, timeout } from 'rxjs';

import { JobPriority } from '../../../../models';
import { JobRepository } from '../../jobs/data/job-repository';
import { DeviceChanges } from '../../shared/data/device-changes';
import { SiteRepository } from '../../sites/data/site-repository';
import { clearLocalData } from '../../sync/data/datastore-setup';
import { FieldNoteRepository } from './field-note-repository';

describe('FieldNoteRepository (real DataStore in Chromium)', () => {
  let notes: FieldNoteRepository;
  let jobId: string;

  // This tab's DataStore owns the store, as the sync leader's does: it feeds every live list.
  let feed: Subscription;

  beforeEach(async () => {
    await clearLocalData();
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
    notes = TestBed.inject(FieldNoteRepository);
    const site = await TestBed.inject(SiteRepository).create({ name: 'Quarry' });
    jobId = (
      await TestBed.inject(JobRepository).create({ siteID: site.id, title: 'Survey', priority: JobPriority.LOW })
    ).id;
  });

  afterEach(async () => {
    feed.unsubscribe();
    await clearLocalData();
  });

  it('lists a job’s notes newest observation first, including a reading and unit', async () => {
    await notes.add({ jobID: jobId, body: 'Morning check', observedAt: '2025-03-01T08:00:00.000Z' });
    await notes.add({
      jobID: jobId,
      body: 'Pressure after repair',
      observedAt: '2025-03-01T15:30:00.000Z',
      reading: 4.2,
      unit: 'bar',
    });

    const listed = await firstValueFrom(notes.watchByJob(jobId).pipe(filter((list) => list.length === 2)));

    expect(listed.map((note) => [note.body, note.reading, note.unit])).toEqual([
      ['Pressure after repair', 4.2, 'bar'],
      ['Morning check', null, null],
    ]);
  });

  it('shows a new note at once and forgets a deleted one', async () => {
    const live = notes.watchByJob(jobId);
    const appears = firstValueFrom(
      live.pipe(
        filter((list) => list.length === 1),
        timeout(1500),
      ),
    );

    const note = await notes.add({ jobID: jobId, body: 'Gate locked', observedAt: new Date().toISOString() });
    expect((await appears)[0].body).toBe('Gate locked');

    const gone = firstValueFrom(
      live.pipe(
        map((list) => list.length),
        filter((count) => count === 0),
        timeout(1500),
      ),
    );
    await notes.remove(note.id);
    expect(await gone).toBe(0);
  });

  it('refuses an empty note or an invalid time with a clear error', async () => {
    await expectAsync(
      notes.add({ jobID: jobId, body: '   ', observedAt: new Date().toISOString() }),
    ).toBeRejectedWithError(/needs some text/);
    await expectAsync(notes.add({ jobID: jobId, body: 'x', observedAt: 'yesterday' })).toBeRejectedWithError(
      /not a valid time/,
    );
  });

  it('saves an edit of the fields given, and a note deleted meanwhile as a new one', async () => {
    const whole = {
      jobID: jobId,
      body: 'Fence down',
      observedAt: '2025-03-01T08:00:00.000Z',
      reading: 3,
      unit: 'm',
      author: 'Ana',
    };
    const note = await notes.add(whole);

    await notes.edit(note.id, { body: 'Fence down along the creek' }, { ...whole, body: 'Fence down along the creek' });
    const edited = await firstValueFrom(
      notes.watchByJob(jobId).pipe(filter((list) => list[0]?.body === 'Fence down along the creek')),
    );
    expect([edited[0]?.id, edited[0]?.reading, edited[0]?.unit]).toEqual([note.id, 3, 'm']);

    await notes.remove(note.id);
    const newId = await notes.edit(note.id, { reading: 4 }, { ...whole, reading: 4 });
    const readded = await firstValueFrom(notes.watchByJob(jobId).pipe(filter((list) => list.length === 1)));
    expect(newId).not.toBe(note.id);
    expect([readded[0]?.id, readded[0]?.body, readded[0]?.reading]).toEqual([newId, 'Fence down', 4]);
  });
});
