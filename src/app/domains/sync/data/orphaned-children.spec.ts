import { TestBed } from '@angular/core/testing';
import { filter, firstValueFrom, type Subscription, timeout } from 'rxjs';

import { JobPriority } from '../../../../models';
import { JobRepository } from '../../jobs/data/job-repository';
import { FieldNoteRepository } from '../../notes/data/field-note-repository';
import { DeviceChanges } from '../../shared/data/device-changes';
import { SiteRepository } from '../../sites/data/site-repository';
import { type ChangeToReview } from '../util/change-to-review';
import { clearLocalData } from './datastore-setup';
import { OrphanedChildren } from './orphaned-children';
import { ReviewRepository } from './review-repository';

/** Long enough for the leader to have handled a delete it was told about. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('OrphanedChildren (real DataStore in Chromium)', () => {
  let feed: Subscription;
  let conflicts: ReviewRepository;

  beforeEach(async () => {
    await clearLocalData();
    conflicts = TestBed.inject(ReviewRepository);
    conflicts.clear();
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
    TestBed.inject(OrphanedChildren).start();
  });

  afterEach(async () => {
    feed.unsubscribe();
    conflicts.clear();
    await clearLocalData();
  });

  async function jobWithNotes(...bodies: string[]) {
    const site = await TestBed.inject(SiteRepository).create({ name: 'Weir 2' });
    const job = await TestBed.inject(JobRepository).create({
      siteID: site.id,
      title: 'Clear grating',
      priority: JobPriority.NORMAL,
    });
    const notes = TestBed.inject(FieldNoteRepository);
    const added = [];
    for (const body of bodies)
      added.push(await notes.add({ jobID: job.id, body, observedAt: new Date().toISOString() }));
    return { site, job, notes: added };
  }

  function orphanEntry(model: string, recordId: string): ChangeToReview {
    return {
      id: `orphan-${recordId}`,
      kind: 'orphaned',
      model,
      recordId,
      operation: 'delete',
      mine: { notes: ['Grating bent'] },
      theirs: { title: 'Clear grating' },
      reason: '“Clear grating” was deleted on another device',
      at: Date.now(),
    };
  }

  it('withdraws the review of a job deleted elsewhere once the last note left on it is gone too', async () => {
    const { job, notes } = await jobWithNotes('Grating bent', 'Silt behind the gate');
    const [first, last] = notes.map((note) => note.id);
    conflicts.record(orphanEntry('Job', job.id));
    const repository = TestBed.inject(FieldNoteRepository);

    await repository.remove(String(first));
    await settle();
    expect(conflicts.all().map((entry) => entry.recordId)).toEqual([job.id]);

    const withdrawn = firstValueFrom(
      conflicts.watch().pipe(
        filter((list) => list.length === 0),
        timeout(3000),
      ),
    );
    await repository.remove(String(last));
    expect(await withdrawn).toEqual([]);
  });

  it('files nothing when the user deletes a site here: its jobs and their notes go with it', async () => {
    const { site, job } = await jobWithNotes('Grating bent');

    await TestBed.inject(SiteRepository).remove(site.id);
    await settle();

    expect(await TestBed.inject(JobRepository).findById(job.id)).toBeUndefined();
    expect(conflicts.all()).toEqual([]);
  });
});
