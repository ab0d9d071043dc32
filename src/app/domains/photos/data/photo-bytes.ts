import { Injectable, type OnDestroy } from '@angular/core';
import { type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import { merge, Observable, Subject } from 'rxjs';

/** One photo's bytes on this device, by the SHA-256 of the stored (resized) bytes. */
export interface StoredPhoto {
  readonly hash: string;
  readonly blob: Blob;
  /** Absent for a photo loaded from another device in full only. */
  readonly thumbnail?: Blob;
  readonly contentType: string;
  readonly savedAt: number;
}

/** An object to put into (or take out of) Amplify Storage, by its key. */
export interface Transfer {
  readonly key: string;
  readonly hash: string;
  readonly contentType: string;
  readonly kind: 'upload' | 'remove';
  readonly attempts: number;
  /** Epoch ms; a failed transfer waits until then (backoff). */
  readonly notBefore: number;
  readonly lastError?: string;
  /** The attachment the object belongs to: before a removal, its delete must have reached the server. */
  readonly attachmentId?: string;
}

/** idb 5's typed schemas resolve to `never` under current TypeScript; values are typed at each read. */
type PhotoDb = IDBPDatabase;

export const PHOTO_DATABASE = 'fieldbook-photos';
const CHANNEL = 'fieldbook-photos';

/**
 * The app's own IndexedDB database for photo bytes and their transfer queue. Not DataStore's:
 * DataStore deletes its database on `clear()` and whenever the models change, and bytes waiting
 * for upload must outlive both. Every tab of the profile shares it; changes are announced on a
 * BroadcastChannel so every tab's thumbnails and counts follow.
 */
@Injectable({ providedIn: 'root' })
export class PhotoBytes implements OnDestroy {
  private database?: Promise<PhotoDb>;
  private readonly local = new Subject<void>();
  private readonly channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  private readonly remote = new Observable<void>((subscriber) => {
    const listener = () => subscriber.next();
    this.channel?.addEventListener('message', listener);
    return () => this.channel?.removeEventListener('message', listener);
  });

  /** Fires after any change, in this tab or another. */
  changes(): Observable<void> {
    return merge(this.local, this.remote);
  }

  async get(hash: string): Promise<StoredPhoto | undefined> {
    return (await (await this.db()).get('photos', hash)) as StoredPhoto | undefined;
  }

  /** Saves the bytes and, when given, queues their upload, in one transaction: both or neither. */
  async save(
    photo: StoredPhoto,
    upload?: Pick<Transfer, 'key' | 'hash' | 'contentType' | 'attachmentId'>,
  ): Promise<void> {
    await this.write(async (db) => {
      const tx = strictTransaction(db);
      await tx.objectStore('photos').put(photo);
      // An upload already queued keeps its retry state; a removal still queued (the photo was
      // deleted, then attached again) gives way to the upload.
      const queued = upload && ((await tx.objectStore('transfers').get(upload.key)) as Transfer | undefined);
      if (upload && queued?.kind !== 'upload') {
        await tx.objectStore('transfers').put({ ...upload, kind: 'upload', attempts: 0, notBefore: 0 });
      }
      await tx.done;
    });
  }

  async deletePhoto(hash: string): Promise<void> {
    await this.write(async (db) => db.delete('photos', hash));
  }

  transfers(): Promise<Transfer[]> {
    return this.db().then((db) => db.getAll('transfers') as Promise<Transfer[]>);
  }

  async transfer(key: string): Promise<Transfer | undefined> {
    return (await (await this.db()).get('transfers', key)) as Transfer | undefined;
  }

  /** How many photos wait to be uploaded from this device. */
  async waitingUploads(): Promise<number> {
    return (await this.db()).countFromIndex('transfers', 'byKind', 'upload');
  }

  async putTransfer(transfer: Transfer): Promise<void> {
    await this.write(async (db) => db.put('transfers', transfer));
  }

  /**
   * Takes a done transfer off the queue, unless it was replaced meanwhile (a removal queued while
   * the upload it replaced was under way stays queued).
   */
  async finishTransfer(key: string, kind?: Transfer['kind']): Promise<void> {
    await this.write(async (db) => {
      const tx = db.transaction('transfers', 'readwrite');
      const current = (await tx.store.get(key)) as Transfer | undefined;
      if (current && (kind === undefined || current.kind === kind)) await tx.store.delete(key);
      await tx.done;
    });
  }

  ngOnDestroy(): void {
    this.channel?.close();
    void this.database?.then((db) => db.close());
  }

  private async write(change: (db: PhotoDb) => Promise<unknown>): Promise<void> {
    // A full device fails the write with QuotaExceededError (shared/util/error-message words it);
    // the transaction is undone whole, so what was saved before stays.
    await change(await this.db());
    this.local.next();
    this.channel?.postMessage('changed');
  }

  private db(): Promise<PhotoDb> {
    this.database ??= openDB(PHOTO_DATABASE, 1, {
      upgrade(db) {
        db.createObjectStore('photos', { keyPath: 'hash' });
        db.createObjectStore('transfers', { keyPath: 'key' }).createIndex('byKind', 'kind');
      },
    });
    return this.database;
  }
}

type Stores = ('photos' | 'transfers')[];
type TransactionWithOptions = (
  names: Stores,
  mode: 'readwrite',
  options: IDBTransactionOptions,
) => IDBPTransaction<unknown, Stores>;

/** A photo is confirmed only once on disk (Chromium's default durability is relaxed); idb 5's types lack the options. */
function strictTransaction(db: PhotoDb): IDBPTransaction<unknown, Stores> {
  return (db.transaction as unknown as TransactionWithOptions).call(db, ['photos', 'transfers'], 'readwrite', {
    durability: 'strict',
  });
}
