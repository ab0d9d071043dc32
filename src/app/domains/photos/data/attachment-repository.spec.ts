import { TestBed } from '@angular/core/testing';
import { filter, firstValueFrom, type Subscription, timeout } from 'rxjs';

import { DeviceChanges } from '../../shared/data/device-changes';
import { clearLocalData } from '../../sync/data/datastore-setup';
import { RecordRepository } from '../../sync/data/record-repository';
import { type AttachmentDraft, AttachmentRepository } from './attachment-repository';

const draft = (jobID: string, hash: string, takenAt: string): AttachmentDraft => ({
  jobID,
  key: `public/photos/${jobID}/${hash}.jpg`,
  contentHash: hash,
  contentType: 'image/jpeg',
  size: 1000,
  width: 2048,
  height: 1536,
  takenAt,
});

describe('AttachmentRepository (real DataStore in Chromium)', () => {
  let photos: AttachmentRepository;
  let feed: Subscription;

  beforeEach(async () => {
    await clearLocalData();
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
    photos = TestBed.inject(AttachmentRepository);
  });

  afterEach(async () => {
    feed.unsubscribe();
    await clearLocalData();
  });

  it('lists a job’s photos oldest first, live, and marks every record of an uploaded key', async () => {
    const list = photos.watchByJob('job-1');
    await photos.add(crypto.randomUUID(), draft('job-1', 'b', '2026-11-28T10:00:00.000Z'));
    await photos.add(crypto.randomUUID(), draft('job-1', 'a', '2026-11-28T09:00:00.000Z'));
    await photos.add(crypto.randomUUID(), draft('job-2', 'a', '2026-11-28T09:00:00.000Z'));

    const listed = await firstValueFrom(
      list.pipe(
        filter((all) => all.length === 2),
        timeout(5_000),
      ),
    );
    expect(listed.map((photo) => photo.contentHash)).toEqual(['a', 'b']);
    expect(listed.every((photo) => photo.uploadedAt === null)).toBeTrue();

    await photos.markUploaded('public/photos/job-1/a.jpg', new Date('2026-11-28T11:00:00.000Z'));
    const marked = await firstValueFrom(
      list.pipe(
        filter((all) => !!all[0]?.uploadedAt),
        timeout(5_000),
      ),
    );
    expect(marked[0]?.uploadedAt).toBe('2026-11-28T11:00:00.000Z');
    expect((await photos.awaitingUpload()).map((photo) => photo.key).sort()).toEqual([
      'public/photos/job-1/b.jpg',
      'public/photos/job-2/a.jpg',
    ]);
  });

  it('tells whether a key or bytes are still used once a record is deleted', async () => {
    const id = await photos.add(crypto.randomUUID(), draft('job-1', 'a', '2026-11-28T09:00:00.000Z'));
    await photos.add(crypto.randomUUID(), draft('job-2', 'a', '2026-11-28T09:00:00.000Z'));

    await photos.remove(id);
    await photos.remove(id);

    expect(await photos.keyInUse('public/photos/job-1/a.jpg')).toBeFalse();
    expect(await photos.hashInUse('a')).toBeTrue();
  });

  it('is a record the sync domain can read and re-apply (a change kept aside over a model change)', async () => {
    const id = await photos.add(crypto.randomUUID(), draft('job-1', 'a', '2026-11-28T09:00:00.000Z'));
    const records = TestBed.inject(RecordRepository);

    expect((await records.current('Attachment', id))?.['contentHash']).toBe('a');
    expect(await records.modelOf(id)).toBe('Attachment');
  });
});
