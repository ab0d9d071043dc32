import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { combineLatest, startWith, switchMap } from 'rxjs';

import { type Attachment, type Job } from '../../../../models';
import { AttachmentRepository, isMisplaced } from '../../photos/api';
import { PhotoAttacher } from '../../photos/api';
import { PhotoBytes, type StoredPhoto } from '../../photos/api';
import { PhotoTransfers } from '../../photos/api';
import { type PhotoPick } from '../../photos/api';
import { type PhotoView } from '../../photos/api';
import { errorMessage, failure } from '../../shared/util/error-message';
import { locateDevice } from '../../shared/util/geolocation';

interface JobPhotosState {
  readonly attachments: readonly Attachment[];
  /** What this device holds of each photo, by content hash; null when the bytes are not here. */
  readonly stored: Readonly<Record<string, StoredPhoto | null>>;
  /** Picked files being resized and saved. */
  readonly saving: number;
  readonly message: string | null;
}

/** The job photos are attached to: its crew decides where they are stored. */
type PhotoJob = Pick<Job, 'id' | 'crewID'>;

const initialState: JobPhotosState = { attachments: [], stored: {}, saving: 0, message: null };

/** The photos of the job on screen: their records, their bytes on this device, attaching and deleting. */
export const JobPhotosStore = signalStore(
  withState(initialState),
  withProps(() => ({
    _attachments: inject(AttachmentRepository),
    _bytes: inject(PhotoBytes),
    _transfers: inject(PhotoTransfers),
    _attacher: inject(PhotoAttacher),
  })),
  withComputed(({ attachments, stored, _transfers }) => {
    const photos = computed(() => attachments().map((record) => toView(record, stored(), _transfers.loading())));
    return {
      photos,
      waiting: computed(() => photos().filter((photo) => photo.full && !photo.uploaded).length),
      /** Why the last upload attempt on this device failed, while photos wait. */
      uploadProblem: computed(() => (_transfers.waiting() > 0 ? _transfers.problem() : null)),
    };
  }),
  withMethods((store) => {
    async function attachOne(job: PhotoJob, file: File, { withLocation, fieldNoteID }: PhotoPick): Promise<void> {
      let location = null;
      if (withLocation) {
        try {
          location = await locateDevice();
        } catch (error) {
          patchState(store, { message: `Saved without a location: ${errorMessage(error)}` });
        }
      }
      await store._attacher.attach(file, { jobID: job.id, crewID: job.crewID ?? null, fieldNoteID, location });
    }
    return {
      attach: async (job: PhotoJob, pick: PhotoPick) => {
        const { files } = pick;
        patchState(store, { message: null, saving: store.saving() + files.length });
        for (const file of files) {
          try {
            await attachOne(job, file, pick);
          } catch (error) {
            patchState(store, { message: failure(`“${file.name}” was not attached`, error) });
          } finally {
            patchState(store, { saving: store.saving() - 1 });
          }
        }
      },
      loadPhoto: async ({ key, hash, contentType }: PhotoView) => {
        patchState(store, { message: null });
        try {
          await store._transfers.load({ key, hash, contentType });
        } catch (error) {
          patchState(store, { message: failure('The photo could not be loaded', error) });
        }
      },
      remove: async (photo: PhotoView) => {
        patchState(store, { message: null });
        try {
          await store._attacher.remove({ ...photo, contentHash: photo.hash });
        } catch (error) {
          patchState(store, { message: failure('Deleting the photo failed', error) });
        }
      },
      /** The job was deleted: its photos go too, and their objects once the device is online. */
      removeAll: async () => {
        for (const photo of store.photos()) {
          try {
            await store._attacher.remove({ ...photo, contentHash: photo.hash });
          } catch (error) {
            patchState(store, { message: failure('Deleting the job’s photos failed', error) });
          }
        }
      },
      load: rxMethod<string>(
        switchMap((jobId) => {
          patchState(store, initialState);
          return combineLatest([
            store._attachments.watchByJob(jobId),
            store._bytes.changes().pipe(startWith(undefined)),
          ]).pipe(
            switchMap(([attachments]) => readStored(store._bytes, attachments)),
            tapResponse({
              next: (next) => patchState(store, next),
              error: (error) => patchState(store, { message: failure('The photos could not be read', error) }),
            }),
          );
        }),
      ),
    };
  }),
);

async function readStored(bytes: PhotoBytes, attachments: readonly Attachment[]): Promise<Partial<JobPhotosState>> {
  const hashes = [...new Set(attachments.map((photo) => photo.contentHash))];
  const found = await Promise.all(hashes.map(async (hash) => [hash, (await bytes.get(hash)) ?? null] as const));
  return { attachments, stored: Object.fromEntries(found) };
}

function toView(
  record: Attachment,
  stored: Readonly<Record<string, StoredPhoto | null>>,
  loading: ReadonlySet<string>,
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
