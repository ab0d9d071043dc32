import { inject, Injectable } from '@angular/core';
import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { type Observable } from 'rxjs';

import { Attachment, type GeoPoint } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { DeviceWrites } from '../../shared/data/device-writes';
import { durably } from '../../shared/data/durable-write';
import { createOnce, deleteIfPresent } from '../../shared/data/idempotent-writes';
import { saveChanges } from '../../shared/data/save-changes';
import { ascending } from '../../shared/util/list-patch';
import { liveList } from '../../shared/util/live-list';
import { isMisplaced } from '../util/photo-rehome';

export interface AttachmentDraft {
  readonly jobID: string;
  readonly fieldNoteID?: string | null;
  readonly key: string;
  readonly contentHash: string;
  readonly contentType: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly caption?: string | null;
  readonly takenAt: string;
  readonly location?: GeoPoint | null;
}

const oldestFirst: ObserveQueryOptions<Attachment> = { sort: (photo) => photo.takenAt(SortDirection.ASCENDING) };
const oldestFirstOrder = ascending<Attachment>((photo) => photo.takenAt);

const byKey = (key: string) => DataStore.query(Attachment, (photo) => photo.key.eq(key));

/** Attachment writes as DeviceWrites commands (plain data, safe to run twice); they run in the sync leader. */
const ATTACHMENT_WRITES = {
  'attachment.add': ({ id, draft }: { id: string; draft: AttachmentDraft }) =>
    createOnce(Attachment, { ...draft, uploadedAt: null, id }),
  /**
   * The attachment learns its bytes are in storage. Bookkeeping of the upload queue, not a person's
   * edit: saved on its own (no history entry, nothing for the review list to compare), and made
   * again by the queue if it is ever lost, since the queue marks whatever is still unmarked.
   */
  'attachment.uploaded': async ({ key, at }: { key: string; at: string }) => {
    for (const photo of await byKey(key))
      if (!photo.uploadedAt)
        await durably(() => DataStore.save(Attachment.copyOf(photo, (draft) => void (draft.uploadedAt = at))));
    return key;
  },
  'attachment.remove': ({ id }: { id: string }) => deleteIfPresent(Attachment, id).then(() => id),
  /** Its object was copied to its crew's folder: the record names the copy (unless it changed meanwhile). */
  'attachment.moved': async ({ id, from, to }: { id: string; from: string; to: string }) => {
    const photo = await DataStore.query(Attachment, id);
    if (photo?.key === from) await saveChanges(Attachment, photo, { key: to });
    return id;
  },
} as const;

/** The attachments aggregate's only door to DataStore; writes go through DeviceWrites. */
@Injectable({ providedIn: 'root' })
export class AttachmentRepository {
  private readonly writes = inject(DeviceWrites);
  private readonly changes = inject(DeviceChanges);

  constructor() {
    for (const [command, executor] of Object.entries(ATTACHMENT_WRITES)) this.writes.register(command, executor);
  }

  /** The photos of one job, oldest first, live. */
  watchByJob(jobId: string): Observable<readonly Attachment[]> {
    return liveList({
      changes: this.changes.of('Attachment'),
      requery: () => DataStore.query(Attachment, (photo) => photo.jobID.eq(jobId), oldestFirst),
      readOne: (id) => DataStore.query(Attachment, id),
      matches: (photo) => photo.jobID === jobId,
      compare: oldestFirstOrder,
    });
  }

  /** Every change to an attachment, by id; deletions included. */
  changed(): Observable<{ readonly element: { readonly id: string } }> {
    return this.changes.of('Attachment');
  }

  /** Attachments saved and not yet marked uploaded: the upload queue's catch-up after a restart. */
  async awaitingUpload(): Promise<Attachment[]> {
    return (await DataStore.query(Attachment)).filter((photo) => !photo.uploadedAt);
  }

  /** Uploaded attachments whose object is in another crew's folder than theirs (their job moved). */
  async misplaced(): Promise<Attachment[]> {
    return (await DataStore.query(Attachment)).filter((photo) => photo.uploadedAt && isMisplaced(photo));
  }

  /** Whether an attachment on this device still names the object (deleted ones are gone from the store). */
  async keyInUse(key: string): Promise<boolean> {
    return (await byKey(key)).length > 0;
  }

  /** Whether any attachment on this device still shows these bytes. */
  async hashInUse(hash: string): Promise<boolean> {
    return (await DataStore.query(Attachment, (photo) => photo.contentHash.eq(hash))).length > 0;
  }

  /** `id` is chosen by the caller, since the photo's storage key is made from it. */
  async add(id: string, draft: AttachmentDraft): Promise<string> {
    return this.writes.run<string>('attachment.add', { id, draft });
  }

  markUploaded(key: string, at: Date): Promise<string> {
    return this.writes.run<string>('attachment.uploaded', { key, at: at.toISOString() });
  }

  /** The attachment's object was copied from `from` to `to`, its crew's folder. */
  moved(id: string, from: string, to: string): Promise<string> {
    return this.writes.run<string>('attachment.moved', { id, from, to });
  }

  remove(id: string): Promise<string> {
    return this.writes.run<string>('attachment.remove', { id });
  }
}
