import { TestBed } from '@angular/core/testing';
import { filter, firstValueFrom, lastValueFrom, type Subscription, take, timeout } from 'rxjs';

import { JobPriority } from '../../../../models';
import { JobRepository } from '../../jobs/data/job-repository';
import { FieldNoteRepository } from '../../notes/data/field-note-repository';
import { CHILD_RECORDS } from '../../shared/data/child-records';
import { DeviceChanges } from '../../shared/data/device-changes';
import { SiteRepository } from '../../sites/data/site-repository';
import { type ChangeToReview } from '../util/change-to-review';
import { clearLocalData } from './datastore-setup';
import { OrphanedChildren } from './orphaned-children';
import { ReviewRepository } from './review-repository';

describe('OrphanedChildren (real DataStore in Chromium)', () => {
  let feed: Subscription;
  let conflicts: ReviewRepository;

  beforeEach(async () => {
    await clearLocalData();
    conflicts = TestBed.inject(ReviewRepository);
    conflicts.clear();
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
    TestBed.inject(OrphanedChildren).start();
    spyOn(CHILD_RECORDS.Job, 'list').and.callThrough();
    spyOn(CHILD_RECORDS.Site, 'list').and.callThrough();
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

  /**
   * Resolves once OrphanedChildren has handled the deletes of these records: this subscriber hears
   * each after it (a Subject calls its subscribers in order), and by then it has started every
   * look-up of children it makes; once those have answered it has filed or withdrawn what it would.
   */
  function deletesHandled(...ids: string[]): Promise<void> {
    const heard = lastValueFrom(
      TestBed.inject(DeviceChanges)
        .deletedHere()
        .pipe(
          filter(({ fields }) => ids.includes(String(fields['id']))),
          take(ids.length),
          timeout(3000),
        ),
    );
    return heard.then(async () => {
      const lookups = [CHILD_RECORDS.Job.list, CHILD_RECORDS.Site.list].flatMap((list) =>
        (list as jasmine.Spy<typeof list>).calls.all().map((call) => call.returnValue),
      );
      await Promise.all(lookups);
    });
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

    const handled = deletesHandled(String(first));
    await repository.remove(String(first));
    await handled;
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
    const { site, job, notes } = await jobWithNotes('Grating bent');
    const handled = deletesHandled(site.id, job.id, String(notes[0]?.id));

    await TestBed.inject(SiteRepository).remove(site.id);
    await handled;

    expect(await TestBed.inject(JobRepository).findById(job.id)).toBeUndefined();
    expect(conflicts.all()).toEqual([]);
  });
});
