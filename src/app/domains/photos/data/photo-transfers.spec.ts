import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, Subject } from 'rxjs';

import { type TabRole } from '../../shared/data/sync-leadership';
import { SyncLeadership } from '../../shared/data/sync-leadership';
import { type OutboxEntry, SyncStorageReader } from '../../sync/api';
import { contentHash } from '../util/photo-key';
import { makeImage } from '../util/photo-test-images.testing';
import { AttachmentRepository } from './attachment-repository';
import { PHOTO_DATABASE, PhotoBytes } from './photo-bytes';
import { PHOTO_STORAGE, type PhotoStorage } from './photo-storage';
import { PhotoTransfers } from './photo-transfers';

/** An S3 bucket in memory, counting what reaches it. */
class FakeBucket implements PhotoStorage {
  readonly objects = new Map<string, Blob>();
  puts: string[] = [];
  failNextPuts = 0;
  configured = () => true;
  exists = async (key: string) => this.objects.has(key);
  upload = async (key: string, data: Blob) => {
    if (this.failNextPuts > 0) {
      this.failNextPuts--;
      throw new Error('Network error');
    }
    this.puts.push(key);
    this.objects.set(key, data);
  };
  download = async (key: string) => {
    const blob = this.objects.get(key);
    if (!blob) throw new Error('NoSuchKey');
    return blob;
  };
  remove = async (key: string) => void this.objects.delete(key);
  copies: string[] = [];
  /** The error name S3 answers the next copies with. */
  copyRefusal: string | null = null;
  copy = async (from: string, to: string) => {
    const blob = this.objects.get(from);
    if (this.copyRefusal || !blob) throw Object.assign(new Error('refused'), { name: this.copyRefusal ?? 'NoSuchKey' });
    this.copies.push(`${from} -> ${to}`);
    this.objects.set(to, blob);
  };
}

/** An attachment record, as far as moving its photo reads it. */
interface FakeRecord {
  readonly id: string;
  readonly jobID: string;
  readonly crewID: string;
  key: string;
  readonly contentHash: string;
  readonly contentType: string;
  readonly uploadedAt: string;
}

class FakeAttachments {
  readonly marked: string[] = [];
  readonly keysInUse = new Set<string>();
  readonly changes = new Subject<{ element: { id: string } }>();
  changed = () => this.changes;
  awaitingUpload = async () => [];
  keyInUse = async (key: string) => this.keysInUse.has(key);
  markUploaded = async (key: string) => {
    this.marked.push(key);
    return key;
  };
  readonly records: FakeRecord[] = [];
  /** Called with each saved move, as the change enters the outbox. */
  onMoved: (id: string) => void = () => undefined;
  misplaced = async () => this.records.filter((record) => !record.key.startsWith(`public/crews/${record.crewID}/`));
  moved = async (id: string, from: string, to: string) => {
    const record = this.records.find((candidate) => candidate.id === id);
    if (record?.key === from) {
      record.key = to;
      this.keysInUse.delete(from);
      this.keysInUse.add(to);
      this.onMoved(id);
    }
    return id;
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PhotoTransfers (the upload queue)', () => {
  let bucket: FakeBucket;
  let attachments: FakeAttachments;
  let role: BehaviorSubject<TabRole>;
  let bytes: PhotoBytes;
  let outbox: OutboxEntry[];

  beforeEach(async () => {
    outbox = [];
    await new Promise((resolve) => (indexedDB.deleteDatabase(PHOTO_DATABASE).onsuccess = resolve));
    bucket = new FakeBucket();
    attachments = new FakeAttachments();
    role = new BehaviorSubject<TabRole>('leader');
    TestBed.configureTestingModule({
      providers: [
        { provide: PHOTO_STORAGE, useValue: bucket },
        { provide: AttachmentRepository, useValue: attachments },
        { provide: SyncStorageReader, useValue: { outboxEntries: async () => outbox } },
        { provide: SyncLeadership, useValue: { roleChanges: () => role, isLeader: () => role.value === 'leader' } },
      ],
    });
    bytes = TestBed.inject(PhotoBytes);
  });

  afterEach(async () => {
    await TestBed.inject(PhotoTransfers).idle();
    TestBed.resetTestingModule();
  });

  async function queuePhoto(key: string): Promise<string> {
    const blob = await makeImage(20, 10, 'image/jpeg');
    const hash = await contentHash(blob);
    await bytes.save({ hash, blob, contentType: 'image/jpeg', savedAt: 1 }, { key, hash, contentType: 'image/jpeg' });
    attachments.keysInUse.add(key);
    return hash;
  }

  it('uploads a waiting photo once, marks its attachments uploaded and counts down to zero', async () => {
    await queuePhoto('public/photos/j/a.jpg');
    const transfers = TestBed.inject(PhotoTransfers);
    transfers.start();

    await until(() => attachments.marked.length === 1, 'the upload');
    expect(bucket.puts).toEqual(['public/photos/j/a.jpg']);
    await until(() => transfers.waiting() === 0, 'the count to reach 0');
    expect(await bytes.waitingUploads()).toBe(0);
  });

  it('does not upload bytes already in storage (an upload whose answer was lost): it only marks them', async () => {
    await queuePhoto('public/photos/j/a.jpg');
    bucket.objects.set('public/photos/j/a.jpg', new Blob(['already there']));
    TestBed.inject(PhotoTransfers).start();

    await until(() => attachments.marked.length === 1, 'the mark');
    expect(bucket.puts).toEqual([]);
  });

  it('keeps a failed upload queued with its attempt counted and a later retry time, and says why', async () => {
    bucket.failNextPuts = 1;
    await queuePhoto('public/photos/j/a.jpg');
    const transfers = TestBed.inject(PhotoTransfers);
    transfers.start();

    await until(async () => (await bytes.transfer('public/photos/j/a.jpg'))?.attempts === 1, 'a failed attempt');
    const queued = await bytes.transfer('public/photos/j/a.jpg');
    expect(queued?.notBefore).toBeGreaterThan(Date.now());
    expect(queued?.lastError).toBe('Network error');
    expect(transfers.problem()).toBe('Network error');
    expect(transfers.waiting()).toBe(1);
    expect(attachments.marked).toEqual([]);
  });

  it('back online, tries a photo waiting out its retry delay at once', async () => {
    const hash = await queuePhoto('public/photos/j/a.jpg');
    // Attempts made with no signal put the next one minutes away.
    const waited = { key: 'public/photos/j/a.jpg', hash, contentType: 'image/jpeg', kind: 'upload' } as const;
    await bytes.putTransfer({ ...waited, attempts: 8, notBefore: Date.now() + 300_000, lastError: 'Network Error' });
    const transfers = TestBed.inject(PhotoTransfers);
    transfers.start();
    await until(() => transfers.waiting() === 1, 'the queue counted');
    await transfers.idle();
    expect(bucket.puts).toEqual([]);

    globalThis.dispatchEvent(new Event('online'));

    await until(() => attachments.marked.length === 1, 'the upload right after reconnecting');
    expect(bucket.puts).toEqual(['public/photos/j/a.jpg']);
  });

  it('leaves the queue alone in a tab that does not lead, and works through it once the tab leads', async () => {
    role.next('follower');
    await queuePhoto('public/photos/j/a.jpg');
    const transfers = TestBed.inject(PhotoTransfers);
    transfers.start();
    await until(() => transfers.waiting() === 1, 'the count');
    // The count is set after the queue was woken, so a pass this tab wrongly started is under way: idle waits for it.
    await transfers.idle();
    expect(bucket.puts).toEqual([]);

    role.next('leader');

    await until(() => bucket.puts.length === 1, 'the upload by the new leader');
  });

  it('removes a deleted photo’s object unless another attachment still names it', async () => {
    bucket.objects.set('public/photos/j/a.jpg', new Blob(['a']));
    bucket.objects.set('public/photos/j/b.jpg', new Blob(['b']));
    attachments.keysInUse.add('public/photos/j/b.jpg');
    const remove = { hash: 'h', contentType: 'image/jpeg', kind: 'remove' as const, attempts: 0, notBefore: 0 };
    await bytes.putTransfer({ ...remove, key: 'public/photos/j/a.jpg' });
    await bytes.putTransfer({ ...remove, key: 'public/photos/j/b.jpg' });
    TestBed.inject(PhotoTransfers).start();

    await until(async () => (await bytes.transfers()).length === 0, 'both removals');
    expect([...bucket.objects.keys()]).toEqual(['public/photos/j/b.jpg']);
  });

  it('removes what an upload wrote when the photo was deleted while it ran, and marks nothing', async () => {
    await queuePhoto('public/photos/j/a.jpg');
    const upload = bucket.upload;
    bucket.upload = async (key, data) => {
      attachments.keysInUse.delete(key); // deleted (here or on another device) while the bytes travel
      await upload(key, data);
    };
    TestBed.inject(PhotoTransfers).start();

    await until(async () => bucket.puts.length === 1 && (await bytes.transfers()).length === 0, 'upload and removal');
    expect([...bucket.objects.keys()]).toEqual([]);
    expect(attachments.marked).toEqual([]);
  });

  it('keeps an object while its attachment’s delete waits in the outbox (the server may refuse it)', async () => {
    bucket.objects.set('public/photos/j/a.jpg', new Blob(['a']));
    outbox = [{ id: 'm1', model: 'Attachment', modelId: 'photo-a', operation: 'Delete', data: '{}' }];
    const removal = { hash: 'h', contentType: 'image/jpeg', kind: 'remove' as const, attempts: 0, notBefore: 0 };
    await bytes.putTransfer({ ...removal, key: 'public/photos/j/a.jpg', attachmentId: 'photo-a' });
    TestBed.inject(PhotoTransfers).start();

    await until(async () => ((await bytes.transfer('public/photos/j/a.jpg'))?.notBefore ?? 0) > 0, 'a later look');
    expect(bucket.objects.has('public/photos/j/a.jpg')).toBeTrue();
  });

  describe('a photo whose job moved to another crew', () => {
    const NORTH = 'public/crews/north/photos/j/p1.jpg';
    const SOUTH = 'public/crews/south/photos/j/p1.jpg';
    const movedPhoto = (): FakeRecord => ({
      id: 'p1',
      jobID: 'j',
      crewID: 'south',
      key: NORTH,
      contentHash: 'h',
      contentType: 'image/jpeg',
      uploadedAt: '2026-03-01T10:00:00.000Z',
    });

    it('is copied to its crew’s folder, names the copy, and its old object goes once that change reached the server', async () => {
      bucket.objects.set(NORTH, new Blob(['photo']));
      attachments.records.push(movedPhoto());
      attachments.keysInUse.add(NORTH);
      attachments.onMoved = (id) => outbox.push({ modelId: id } as OutboxEntry);
      const transfers = TestBed.inject(PhotoTransfers);
      transfers.start();

      await until(() => attachments.records[0]?.key === SOUTH, 'the record to name the copy');
      expect(bucket.copies).toEqual([`${NORTH} -> ${SOUTH}`]);
      await transfers.idle();
      // The change waits in the outbox: the server may still refuse it, and the record name the old key again.
      expect(bucket.objects.has(NORTH)).toBeTrue();

      outbox.length = 0;
      await until(() => !bucket.objects.has(NORTH), 'the old object to go');
      expect(bucket.objects.has(SOUTH)).toBeTrue();
      expect(bucket.copies.length).toBe(1);
      expect(transfers.problem()).toBeNull();
    });

    it('is left where it is, with no problem shown, by a device whose credentials do not reach both folders', async () => {
      bucket.objects.set(NORTH, new Blob(['photo']));
      bucket.copyRefusal = 'AccessDenied';
      attachments.records.push(movedPhoto());
      attachments.keysInUse.add(NORTH);
      let tried = false;
      const copy = bucket.copy;
      bucket.copy = (from, to) => ((tried = true), copy(from, to));
      const transfers = TestBed.inject(PhotoTransfers);
      transfers.start();

      await until(() => tried, 'the copy to be tried');
      await transfers.idle();
      expect(attachments.records[0]?.key).toBe(NORTH);
      expect(bucket.objects.has(NORTH)).toBeTrue();
      expect(transfers.problem()).toBeNull();
      expect(await bytes.transfers()).toEqual([]);
    });

    it('already copied by another device, is only renamed here', async () => {
      bucket.objects.set(SOUTH, new Blob(['photo']));
      attachments.records.push(movedPhoto());
      attachments.keysInUse.add(NORTH);
      TestBed.inject(PhotoTransfers).start();

      await until(() => attachments.records[0]?.key === SOUTH, 'the record to name the copy');
      expect(bucket.copies).toEqual([]);
    });
  });

  it('loads a photo from storage onto the device, checking it is the one attached', async () => {
    const blob = await makeImage(20, 10, 'image/jpeg');
    const hash = await contentHash(blob);
    bucket.objects.set('public/photos/j/x.jpg', blob);
    bucket.objects.set('public/photos/j/wrong.jpg', new Blob(['tampered']));
    const transfers = TestBed.inject(PhotoTransfers);

    await transfers.load({ key: 'public/photos/j/x.jpg', hash, contentType: 'image/jpeg' });
    await expectAsync(
      transfers.load({ key: 'public/photos/j/wrong.jpg', hash: 'f'.repeat(64), contentType: 'image/jpeg' }),
    ).toBeRejectedWithError(/not the one attached/);

    const stored = await bytes.get(hash);
    expect(stored?.blob.size).toBe(blob.size);
    expect(stored?.thumbnail).toBeDefined();
    expect(await bytes.get('f'.repeat(64))).toBeUndefined();
  });

  it('in a tab that does not lead, asks the leader to load a photo into the shared database', async () => {
    const blob = await makeImage(20, 10, 'image/jpeg');
    const hash = await contentHash(blob);
    bucket.objects.set('public/photos/j/x.jpg', blob);
    role.next('follower');
    const follower = TestBed.inject(PhotoTransfers);
    // The leading tab: its own PhotoTransfers over the same photo database and bucket.
    const leaderTab = createEnvironmentInjector(
      [
        PhotoTransfers,
        {
          provide: SyncLeadership,
          useValue: { roleChanges: () => new BehaviorSubject('leader'), isLeader: () => true },
        },
      ],
      TestBed.inject(EnvironmentInjector),
    );
    leaderTab.get(PhotoTransfers);

    await follower.load({ key: 'public/photos/j/x.jpg', hash, contentType: 'image/jpeg' });
    expect(follower.loading().has('public/photos/j/x.jpg')).toBeTrue();

    await until(async () => !!(await bytes.get(hash)), 'the leader to load it');
    await leaderTab.get(PhotoTransfers).idle();
    leaderTab.destroy();
  });
});
