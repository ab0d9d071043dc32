import { inject, Injectable } from '@angular/core';
import { combineLatest, type Observable, startWith, switchMap } from 'rxjs';

import { type Attachment } from '../../../../models';
import { isMisplaced } from '../util/photo-rehome';
import { type PhotoView } from '../util/photo-view';
import { AttachmentRepository } from './attachment-repository';
import { PhotoBytes, type StoredPhoto } from './photo-bytes';

/** A job's photo records, and what this device holds of each photo's bytes (by content hash; null: not here). */
export interface JobPhotoRecords {
  readonly attachments: readonly Attachment[];
  readonly stored: Readonly<Record<string, StoredPhoto | null>>;
}

const NOTHING_LOADING: ReadonlySet<string> = new Set();

/** The photos of one job with their bytes on this device, live: records change, or bytes arrive or go. */
@Injectable({ providedIn: 'root' })
export class JobPhotoViews {
  private readonly attachments = inject(AttachmentRepository);
  private readonly bytes = inject(PhotoBytes);

  watch(jobId: string): Observable<JobPhotoRecords> {
    return combineLatest([this.attachments.watchByJob(jobId), this.bytes.changes().pipe(startWith(undefined))]).pipe(
      switchMap(([attachments]) => this.readStored(attachments)),
    );
  }

  private async readStored(attachments: readonly Attachment[]): Promise<JobPhotoRecords> {
    const hashes = [...new Set(attachments.map((photo) => photo.contentHash))];
    const found = await Promise.all(hashes.map(async (hash) => [hash, (await this.bytes.get(hash)) ?? null] as const));
    return { attachments, stored: Object.fromEntries(found) };
  }
}

/** One photo as a page shows it; `loading` holds the keys of photos being fetched from storage now. */
export function toPhotoView(
  record: Attachment,
  stored: JobPhotoRecords['stored'],
  loading: ReadonlySet<string> = NOTHING_LOADING,
): PhotoView {
  const bytes = stored[record.contentHash] ?? null;
  return {
    id: record.id,
    key: record.key,
    hash: record.contentHash,
    fieldNoteID: record.fieldNoteID ?? null,
    contentType: record.contentType,
    caption: record.caption ?? null,
    takenAt: record.takenAt,
    width: record.width,
    height: record.height,
    uploaded: !!record.uploadedAt,
    full: bytes?.blob ?? null,
    thumbnail: bytes ? (bytes.thumbnail ?? bytes.blob) : null,
    loading: loading.has(record.key) && !bytes,
    moving: !!record.uploadedAt && isMisplaced(record),
  };
}
