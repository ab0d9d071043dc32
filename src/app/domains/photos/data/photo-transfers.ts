import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { debounceTime, merge, startWith, Subject } from 'rxjs';

import { DeviceChanges } from '../../shared/data/device-changes';
import { SyncLeadership } from '../../shared/data/sync-leadership';
import { SyncStorageReader } from '../../sync/api';
import { retryDelayMs } from '../util/backoff';
import { contentHash } from '../util/photo-key';
import { makeThumbnail } from '../util/resize-photo';
import { AttachmentRepository } from './attachment-repository';
import { EvictedPhotos } from './evicted-photos';
import { PhotoBytes, type Transfer } from './photo-bytes';
import { PhotoRehoming } from './photo-rehoming';
import { PHOTO_STORAGE } from './photo-storage';

const CHANNEL = 'fieldbook-photo-loads';
/** How long a tab that is not the leader shows a photo as loading by the leader. */
const FOLLOWER_LOAD_WAIT_MS = 30_000;
/** How often a removal looks again whether its attachment's delete has reached the server. */
const DELETE_SYNC_WAIT_MS = 2_000;

const isOnline = () => globalThis.navigator?.onLine !== false;

/** A photo to fetch from storage onto this device. */
export interface PhotoLoad {
  readonly key: string;
  readonly hash: string;
  readonly contentType: string;
}

/**
 * Moves photo bytes between this device and Amplify Storage. Only the sync leader transfers
 * (one tab per device, so two tabs never upload one photo side by side); the queue lives in the
 * photo database, so it resumes after a reload, in whichever tab leads next. Uploads are never
 * repeated: the key comes from the bytes' hash, and a key already in storage (an upload whose
 * answer was lost) is only marked uploaded.
 */
@Injectable({ providedIn: 'root' })
export class PhotoTransfers {
  private readonly bytes = inject(PhotoBytes);
  private readonly attachments = inject(AttachmentRepository);
  private readonly leadership = inject(SyncLeadership);
  private readonly storage = inject(PHOTO_STORAGE);
  private readonly deviceChanges = inject(DeviceChanges);
  private readonly outbox = inject(SyncStorageReader);
  private readonly evicted = inject(EvictedPhotos);
  private readonly rehoming = inject(PhotoRehoming);
  private readonly wake = new Subject<void>();
  private readonly loadChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The device came back online: the next pass tries every transfer once, backoff or not. */
  private reconnected = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly destroyRef = inject(DestroyRef);
  private destroyed = false;

  /** Photos on this device waiting to be uploaded (every tab). */
  readonly waiting = signal(0);
  /** Keys of photos being fetched from storage here or by the leader. */
  readonly loading = signal<ReadonlySet<string>>(new Set());
  /** The last upload failure, while photos still wait. */
  readonly problem = signal<string | null>(null);

  constructor() {
    const online = () => {
      this.reconnected = true;
      this.wake.next();
    };
    globalThis.addEventListener?.('online', online);
    // The asking tab stops showing "Loading…" after a while and offers the load again.
    const listener = (event: MessageEvent<PhotoLoad>) => void this.loadHere(event.data).catch(() => undefined);
    this.loadChannel?.addEventListener('message', listener);
    this.destroyRef.onDestroy(() => {
      this.destroyed = true;
      globalThis.removeEventListener?.('online', online);
      this.loadChannel?.close();
      clearTimeout(this.timer);
    });
  }

  /** Follows the queue's size; the leader also works through it. Call once, at startup. */
  start(): void {
    const changes = merge(this.bytes.changes(), this.attachments.changed(), this.leadership.roleChanges());
    changes.pipe(startWith(undefined), debounceTime(50), takeUntilDestroyed(this.destroyRef)).subscribe(() => {
      this.bytes.waitingUploads().then(
        (count) => this.waiting.set(count),
        () => undefined,
      );
      this.wake.next();
    });
    this.wake.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => void this.run());
    // An attachment deleted here or on another device (only the leader's store sees either): its
    // object goes too, or it would stay in storage with nothing pointing at it.
    this.deviceChanges
      .deletedHere()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ model, fields }) => {
        if (model === 'Attachment') void this.queueRemoval(fields).catch(() => undefined);
      });
    // An attachment evicted (it left the device's scope) is no deletion: its object stays.
    this.evicted.start();
  }

  private async queueRemoval(fields: Readonly<Record<string, unknown>>): Promise<void> {
    const { id, key, contentHash: hash, contentType } = fields;
    if (typeof id !== 'string' || typeof key !== 'string' || typeof hash !== 'string') return;
    const type = typeof contentType === 'string' ? contentType : 'image/jpeg';
    const queued = await this.bytes.transfer(key);
    if (queued?.kind === 'remove') return;
    await this.bytes.putTransfer({
      key,
      hash,
      contentType: type,
      kind: 'remove',
      attempts: 0,
      notBefore: 0,
      attachmentId: id,
    });
  }

  /** Fetches a photo taken on another device, so it shows here and offline from then on. */
  async load(photo: PhotoLoad): Promise<void> {
    if (!this.leadership.isLeader()) {
      // The leader fetches it into the shared photo database; the thumbnail follows its change.
      this.setLoading(photo.key, true);
      this.loadChannel?.postMessage(photo);
      setTimeout(() => this.setLoading(photo.key, false), FOLLOWER_LOAD_WAIT_MS);
      return;
    }
    await this.loadHere(photo);
  }

  private async loadHere(photo: PhotoLoad): Promise<void> {
    if (!this.leadership.isLeader() || (await this.bytes.get(photo.hash))) return;
    this.setLoading(photo.key, true);
    try {
      const blob = await this.storage.download(photo.key);
      if ((await contentHash(blob)) !== photo.hash) throw new Error('The photo in storage is not the one attached.');
      const thumbnail = await makeThumbnail(blob);
      await this.bytes.save({ hash: photo.hash, blob, thumbnail, contentType: photo.contentType, savedAt: Date.now() });
    } finally {
      this.setLoading(photo.key, false);
    }
  }

  /** One pass at a time; a wake-up during a pass makes another pass after it. */
  private async run(): Promise<void> {
    if (this.destroyed || !this.leadership.isLeader() || !this.storage.configured()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.passes();
    await this.running;
    this.running = null;
  }

  /** Resolves once no pass over the queue is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async passes(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.destroyed);
    } catch (error) {
      if (!this.destroyed) console.error('Photo transfers stopped', error);
    }
  }

  /**
   * Offline, nothing is tried: the `online` event wakes the queue, and then a photo that waited
   * out attempts made without signal (up to five minutes apart) goes at once, not at its next turn.
   */
  private async pass(): Promise<void> {
    if (!isOnline()) return;
    const everyOnce = this.reconnected;
    this.reconnected = false;
    await this.catchUp();
    // Before the queue: a photo moved now queues its old object's removal for this same pass.
    await this.rehoming.pass(everyOnce);
    const tried = new Set<string>();
    while (isOnline() && !this.destroyed) {
      const next = (await this.bytes.transfers()).find(
        ({ key, kind, notBefore }) => !tried.has(`${kind} ${key}`) && (everyOnce || notBefore <= Date.now()),
      );
      if (!next) break;
      tried.add(`${next.kind} ${next.key}`);
      await this.attempt(next);
    }
    await this.scheduleRetry();
  }

  /**
   * An attachment still unmarked whose bytes are here but not queued (its mark was lost, e.g. when
   * DataStore rebuilt its store after a model change) is queued again; the queue only marks it
   * if the object is in storage already.
   */
  private async catchUp(): Promise<void> {
    for (const photo of await this.attachments.awaitingUpload()) {
      if ((await this.bytes.transfer(photo.key)) || !(await this.bytes.get(photo.contentHash))) continue;
      const { id, key, contentHash: hash, contentType } = photo;
      await this.bytes.putTransfer({
        key,
        hash,
        contentType,
        kind: 'upload',
        attempts: 0,
        notBefore: 0,
        attachmentId: id,
      });
    }
  }

  private async attempt(transfer: Transfer): Promise<void> {
    try {
      if (transfer.kind === 'remove') {
        if (await this.deleteNotOnServerYet(transfer)) return this.postpone(transfer);
        // An attachment still here (its delete refused and undone) keeps its object.
        if (!(await this.attachments.keyInUse(transfer.key))) await this.storage.remove(transfer.key);
      } else {
        await this.upload(transfer);
        if (!(await this.attachments.keyInUse(transfer.key))) {
          // Deleted while it was uploading: the object must not outlive it.
          await this.bytes.putTransfer({ ...transfer, kind: 'remove', attempts: 0, notBefore: 0 });
          return;
        }
        await this.attachments.markUploaded(transfer.key, new Date());
      }
      await this.bytes.finishTransfer(transfer.key, transfer.kind);
      this.problem.set(null);
    } catch (error) {
      const attempts = transfer.attempts + 1;
      const lastError = error instanceof Error ? error.message : String(error);
      this.problem.set(lastError);
      await this.bytes.putTransfer({
        ...transfer,
        attempts,
        notBefore: Date.now() + retryDelayMs(attempts),
        lastError,
      });
    }
  }

  /**
   * The server may still refuse a delete it has not seen (DataStore then puts the record back), so
   * an object goes only once its attachment's delete has left the outbox.
   */
  private async deleteNotOnServerYet({ attachmentId }: Transfer): Promise<boolean> {
    if (!attachmentId) return false;
    return (await this.outbox.outboxEntries()).some((entry) => entry.modelId === attachmentId);
  }

  private async postpone(transfer: Transfer): Promise<void> {
    await this.bytes.putTransfer({ ...transfer, notBefore: Date.now() + DELETE_SYNC_WAIT_MS });
  }

  private async upload({ key, hash, contentType }: Transfer): Promise<void> {
    if (await this.storage.exists(key)) return;
    const photo = await this.bytes.get(hash);
    if (!photo) throw new Error('The photo’s bytes are no longer on this device.');
    await this.storage.upload(key, photo.blob, contentType);
  }

  private async scheduleRetry(): Promise<void> {
    clearTimeout(this.timer);
    if (this.destroyed) return;
    const transfers = await this.bytes.transfers();
    if (transfers.length === 0) return;
    const soonest = Math.min(...transfers.map((transfer) => transfer.notBefore));
    this.timer = setTimeout(() => this.wake.next(), Math.max(1_000, soonest - Date.now()));
  }

  private setLoading(key: string, on: boolean): void {
    const next = new Set(this.loading());
    if (on) next.add(key);
    else next.delete(key);
    this.loading.set(next);
  }
}
