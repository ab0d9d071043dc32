import { inject, Injectable } from '@angular/core';

import { type Attachment, type GeoPoint } from '../../../../models';
import { contentHash, photoKey } from '../util/photo-key';
import { checkPhotoFile } from '../util/photo-limits';
import { resizePhoto } from '../util/resize-photo';
import { AttachmentRepository } from './attachment-repository';
import { PhotoBytes } from './photo-bytes';

export interface AttachTo {
  readonly jobID: string;
  /** The job's crew: its photos go in the crew's folder (null for a job from before crews). */
  readonly crewID?: string | null;
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
    const key = photoKey({ id: to.jobID, crewID: to.crewID }, id, contentType);
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
   * Deletes the attachment record. Its object in storage is not removed here: the upload queue does
   * that (PhotoTransfers, in the sync leader, which sees every deletion, here or synced), and only
   * once the delete has reached the server, since a refused delete brings the record back. Bytes no
   * attachment here shows any more are dropped from the device.
   */
  async remove(photo: Pick<Attachment, 'id' | 'contentHash'>): Promise<void> {
    await this.attachments.remove(photo.id);
    if (!(await this.attachments.hashInUse(photo.contentHash))) await this.bytes.deletePhoto(photo.contentHash);
  }
}
