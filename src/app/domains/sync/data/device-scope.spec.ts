import { TestBed } from '@angular/core/testing';
import { DataStore } from '@aws-amplify/datastore';
import { BehaviorSubject, filter, firstValueFrom, type Subscription, switchMap, timeout } from 'rxjs';

import { gate } from '../../../../../testing/gate';
import { Attachment, FieldNote, Job, JobPriority, JobStatus, Site } from '../../../../models';
import { JobRepository } from '../../jobs/data/job-repository';
import { PHOTO_DATABASE, PhotoBytes } from '../../photos/data/photo-bytes';
import { PHOTO_STORAGE, type PhotoStorage } from '../../photos/data/photo-storage';
import { PhotoTransfers } from '../../photos/data/photo-transfers';
import { type DeletedRecord, DeviceChanges } from '../../shared/data/device-changes';
import { SyncLeadership } from '../../shared/data/sync-leadership';
import { clearLocalData } from './datastore-setup';
import { DeviceScope } from './device-scope';
import { OrphanedChildren } from './orphaned-children';
import { queueChangeOf } from './queued-change.testing';
import { ReviewRepository } from './review-repository';

/** A photo store that records what it is asked; uploads wait for `uploads` to open. */
class Bucket implements PhotoStorage {
  readonly objects = new Map<string, Blob>();
  readonly removed: string[] = [];
  readonly uploads = gate();
  configured = () => true;
  exists = async (key: string) => this.objects.has(key);
  upload = async (key: string, data: Blob) => {
    await this.uploads.hold();
    this.objects.set(key, data);
  };
  download = async (key: string) => this.objects.get(key) ?? new Blob();
  remove = async (key: string) => {
    this.removed.push(key);
    this.objects.delete(key);
  };
  copy = async (from: string, to: string) => {
    const blob = this.objects.get(from);
    if (blob) this.objects.set(to, blob);
  };
}

const NORTH = { crewID: 'north', crewGroup: 'crew-north' };
const SOUTH = { crewID: 'south', crewGroup: 'crew-south' };

const job = (title: string, siteID: string, crew: typeof NORTH) =>
  new Job({ title, siteID, status: JobStatus.OPEN, priority: JobPriority.NORMAL, ...crew });
const photo = (key: string, contentHash: string, jobID: string) =>
  new Attachment({
    jobID,
    key,
    contentHash,
    contentType: 'image/jpeg',
    size: 3,
    width: 1,
    height: 1,
    takenAt: new Date().toISOString(),
    ...SOUTH,
  });

describe('DeviceScope (real DataStore and IndexedDB in Chromium)', () => {
  let bucket: Bucket;
  let feed: Subscription;
  const seen = { deleted: [] as DeletedRecord[], evicted: [] as DeletedRecord[] };

  beforeEach(async () => {
    await clearLocalData();
    localStorage.removeItem('fieldbook.syncScope');
    await new Promise((resolve) => (indexedDB.deleteDatabase(PHOTO_DATABASE).onsuccess = resolve));
    bucket = new Bucket();
    TestBed.configureTestingModule({
      providers: [
        { provide: PHOTO_STORAGE, useValue: bucket },
        {
          provide: SyncLeadership,
          useValue: { roleChanges: () => new BehaviorSubject('leader'), isLeader: () => true },
        },
      ],
    });
    TestBed.inject(ReviewRepository).clear();
    const changes = TestBed.inject(DeviceChanges);
    feed = changes.publishThisTabsStore();
    seen.deleted = [];
    seen.evicted = [];
    changes.deletedHere().subscribe((record) => seen.deleted.push(record));
    changes.evictedHere().subscribe((record) => seen.evicted.push(record));
    TestBed.inject(OrphanedChildren).start();
  });

  afterEach(async () => {
    bucket.uploads.open();
    await TestBed.inject(PhotoTransfers).idle();
    feed.unsubscribe();
    TestBed.inject(ReviewRepository).clear();
    await clearLocalData();
    localStorage.removeItem('fieldbook.syncScope');
  });

  it('evicts what left the scope as evictions, never deletions: records with a queued change or a waiting upload stay until done', async () => {
    const north = await DataStore.save(new Site({ name: 'North depot', ...NORTH }));
    const south = await DataStore.save(new Site({ name: 'South depot', ...SOUTH }));
    const northJob = await DataStore.save(job('Pump', north.id, NORTH));
    const southJob = await DataStore.save(job('Valve', south.id, SOUTH));
    const editedJob = await DataStore.save(job('Edited offline', south.id, SOUTH));
    const note = await DataStore.save(
      new FieldNote({ jobID: southJob.id, body: 'Seized', observedAt: new Date().toISOString(), ...SOUTH }),
    );
    const legacy = await DataStore.save(new Site({ name: 'From before crews' }));
    await queueChangeOf('Job', editedJob.id);
    // One photo up in storage, its bytes cached here; one whose bytes still wait to upload.
    const bytes = TestBed.inject(PhotoBytes);
    const up = await DataStore.save(photo('photos/up.jpg', 'hash-up', southJob.id));
    await bytes.save({ hash: 'hash-up', blob: new Blob(['up']), contentType: 'image/jpeg', savedAt: 1 });
    bucket.objects.set('photos/up.jpg', new Blob(['up']));
    const waiting = await DataStore.save(photo('photos/waiting.jpg', 'hash-waiting', southJob.id));
    await bytes.save(
      { hash: 'hash-waiting', blob: new Blob(['waiting']), contentType: 'image/jpeg', savedAt: 1 },
      { key: 'photos/waiting.jpg', hash: 'hash-waiting', contentType: 'image/jpeg' },
    );
    const transfers = TestBed.inject(PhotoTransfers);
    transfers.start();
    await bucket.uploads.arrived;
    const shown = TestBed.inject(JobRepository).watchAll();
    const bytesDropped = firstValueFrom(
      bytes.changes().pipe(
        switchMap(() => bytes.get('hash-up')),
        filter((stored) => stored === undefined),
        timeout(5_000),
      ),
    );

    await TestBed.inject(DeviceScope).enter({ crewGroups: ['crew-north'], syncCrew: 'north' });

    const ids = async (model: typeof Site | typeof Job | typeof FieldNote | typeof Attachment) =>
      (await DataStore.query(model as typeof Site)).map(({ id }) => id).sort();
    expect(await ids(Site)).toEqual([north.id]);
    expect(await ids(Job)).toEqual([northJob.id, editedJob.id].sort());
    expect(await ids(FieldNote)).toEqual([]);
    expect(await ids(Attachment)).toEqual([waiting.id]);
    expect(seen.evicted.map(({ fields }) => fields['id']).sort()).toEqual(
      [south.id, southJob.id, note.id, up.id, legacy.id].sort(),
    );
    // The lists on screen drop what left.
    const listed = await firstValueFrom(
      shown.pipe(
        filter((jobs) => jobs.length === 2),
        timeout(5_000),
      ),
    );
    expect(listed.map(({ id }) => id).sort()).toEqual([northJob.id, editedJob.id].sort());
    // The evicted photo's bytes leave this device; those still to upload stay.
    await bytesDropped;
    expect(await bytes.get('hash-waiting')).toBeDefined();

    // Once its bytes are up, the waiting photo goes too.
    const photoGone = firstValueFrom(
      TestBed.inject(DeviceChanges)
        .evictedHere()
        .pipe(
          filter(({ fields }) => fields['id'] === waiting.id),
          timeout(5_000),
        ),
    );
    bucket.uploads.open();
    await photoGone;
    await transfers.idle();
    expect(await ids(Attachment)).toEqual([]);

    // An eviction is no deletion: no photo object removed, nothing for review, no orphans.
    expect(bucket.removed).toEqual([]);
    expect([...bucket.objects.keys()].sort()).toEqual(['photos/up.jpg', 'photos/waiting.jpg']);
    expect(seen.deleted).toEqual([]);
    expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
  });

  it('a wider scope evicts nothing', async () => {
    await DataStore.save(new Site({ name: 'South depot', ...SOUTH }));
    const scope = TestBed.inject(DeviceScope);
    await scope.enter({ crewGroups: ['crew-south'], syncCrew: 'south' });
    await scope.enter({ crewGroups: ['crew-south', 'crew-north'], syncCrew: null });
    await scope.enter({ crewGroups: null, syncCrew: null });
    expect((await DataStore.query(Site)).length).toBe(1);
    expect(seen.evicted).toEqual([]);
  });
});
