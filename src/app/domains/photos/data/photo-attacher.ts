import { inject, Injectable } from '@angular/core';

import { type Attachment, type GeoPoint } from '../../../../models';
import { contentHash, photoKey } from '../util/photo-key';
import { checkPhotoFile } from '../util/photo-limits';
import { resizePhoto } from '../util/resize-photo';
import { AttachmentRepository } from './attachment-repository';
import { PhotoBytes } from './photo-bytes';

export interface AttachTo {
  readonly jobID: string;
  readonly fieldNoteID?: string | null;
  readonly caption?: string | null;
  /** Only when the user asked for the device's location. */
  readonly location?: GeoPoint | null;
}

/** Attaching a photo and deleting one: its bytes on the device, its record in DataStore, its object in storage. */
@Injectable({ providedIn: 'root' })
export class PhotoAttacher {
  private readonly attachments = inject(AttachmentRepository);
  private readonly bytes = inject(PhotoBytes);

  /**
   * Resizes the picked file, keeps the bytes on the device with their upload queued, then saves
   * the attachment record: the bytes first, so a record never points at bytes this device lost.
   * Refuses what is not a photo (PhotoRefused) and fails with QuotaExceededError on a full device, saving nothing.
   */
  async attach(file: File, to: AttachTo): Promise<string> {
    checkPhotoFile(file);
    const resized = await resizePhoto(file);
    const hash = await contentHash(resized.blob);
    const contentType = resized.blob.type || 'image/jpeg';
    const id = crypto.randomUUID();
    const key = photoKey(to.jobID, id, contentType);
    await this.bytes.save(
      { hash, blob: resized.blob, thumbnail: resized.thumbnail, contentType, savedAt: Date.now() },
      { key, hash, contentType, attachmentId: id },
    );
    return this.attachments.add(id, {
      jobID: to.jobID,
      fieldNoteID: to.fieldNoteID ?? null,
      key,
      contentHash: hash,
      contentType,
      size: resized.blob.size,
      width: resized.width,
      height: resized.height,
      caption: to.caption?.trim() || null,
      takenAt: new Date(file.lastModified || Date.now()).toISOString(),
      location: to.location ?? null,
    });
  }

  /**
   * Queues the object's removal (it replaces an upload still waiting) before deleting the record,
   * so a device closed in between still removes it; the queue removes it only once the delete has
   * reached the server. Bytes no attachment here shows any more are dropped from the device.
   */
  async remove(photo: Pick<Attachment, 'id' | 'key' | 'contentHash' | 'contentType'>): Promise<void> {
    const { id, key, contentHash: hash, contentType } = photo;
    await this.bytes.putTransfer({
      key,
      hash,
      contentType,
      kind: 'remove',
      attempts: 0,
      notBefore: 0,
      attachmentId: id,
    });
    await this.attachments.remove(id);
    if (!(await this.attachments.hashInUse(hash))) await this.bytes.deletePhoto(hash);
  }
}
