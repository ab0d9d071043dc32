import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Job } from '../../../../models';
import { type JobPhotoRecords, JobPhotoViews, toPhotoView } from '../../photos/api';
import { PhotoAttacher } from '../../photos/api';
import { PhotoTransfers } from '../../photos/api';
import { type PhotoPick } from '../../photos/api';
import { type PhotoView } from '../../photos/api';
import { errorMessage, failure } from '../../shared/util/error-message';
import { locateDevice } from '../../shared/util/geolocation';

interface JobPhotosState extends JobPhotoRecords {
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
    _views: inject(JobPhotoViews),
    _transfers: inject(PhotoTransfers),
    _attacher: inject(PhotoAttacher),
  })),
  withComputed(({ attachments, stored, _transfers }) => {
    const photos = computed(() => attachments().map((record) => toPhotoView(record, stored(), _transfers.loading())));
    return {
      photos,
      waiting: computed(() => photos().filter((photo) => photo.full && !photo.uploaded).length),
      /** Why the last upload attempt on this device failed, while photos wait. */
      uploadProblem: computed(() => (_transfers.waiting() > 0 ? _transfers.problem() : null)),
    };
  }),
  withMethods((store) => {
    async function attachOne(
      job: PhotoJob,
      file: File,
      { withLocation, fieldNoteID, caption }: PhotoPick,
    ): Promise<void> {
      let location = null;
      if (withLocation) {
        try {
          location = await locateDevice();
        } catch (error) {
          patchState(store, { message: `Saved without a location: ${errorMessage(error)}` });
        }
      }
      await store._attacher.attach(file, {
        jobID: job.id,
        crewID: job.crewID ?? null,
        fieldNoteID,
        caption: caption ?? null,
        location,
      });
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
          return store._views.watch(jobId).pipe(
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
