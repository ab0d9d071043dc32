import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { merge, switchMap } from 'rxjs';

import { type FieldNote, type Job, type Site } from '../../../../models';
import { ChangeLogRepository, type HistoryEntry } from '../../history/api';
import { FieldNoteRepository } from '../../notes/api';
import { type JobPhotoRecords, JobPhotoViews, toPhotoView } from '../../photos/api';
import { followInto, notLoaded, withRequestStatus } from '../../shared/util/with-request-status';
import { SiteRepository } from '../../sites/api';
import { JobRepository } from '../data/job-repository';
import { checklistProgress } from '../util/checklist';
import { jobCompletion } from '../util/job-completion';
import { jobReference } from '../util/job-reference';
import { withItsSite } from '../util/job-with-site';
import { reportFingerprint } from '../util/report-fingerprint';
import { reportPhotos } from './report-photos';

interface JobReportState {
  readonly job: Job | null;
  readonly site: Site | null;
  /** Newest observation first, as the repository gives them. */
  readonly notes: readonly FieldNote[];
  /** The job's photos, oldest first, with what this device holds of their bytes. */
  readonly photoRecords: JobPhotoRecords;
  /** The job's history as this device holds it, newest first. */
  readonly history: readonly HistoryEntry[];
  /** The job is not (or no longer) on this device. */
  readonly missing: boolean;
}

const initialState: JobReportState = {
  job: null,
  site: null,
  notes: [],
  photoRecords: { attachments: [], stored: {} },
  history: [],
  missing: false,
};

/**
 * One job with its site, field notes, photos and history, read-only and live, from the device
 * store (works offline). A photo whose bytes are not on the device shows as missing: nothing waits for it.
 */
export const JobReportStore = signalStore(
  withState(initialState),
  withRequestStatus(),
  withProps(() => ({
    _jobs: inject(JobRepository),
    _notes: inject(FieldNoteRepository),
    _sites: inject(SiteRepository),
    _photos: inject(JobPhotoViews),
    _history: inject(ChangeLogRepository),
  })),
  withComputed(({ job, site, notes, photoRecords, history }) => ({
    /** What the report states now, to keep with a signature and to compare with one. */
    fingerprint: computed(() => {
      const shown = job();
      return shown
        ? reportFingerprint({ job: shown, site: site(), notes: notes(), photos: photoRecords().attachments })
        : '';
    }),
    progress: computed(() => checklistProgress(job()?.checklist)),
    /** A report reads in the order the work was done: oldest observation first. */
    notesInOrder: computed(() => [...notes()].reverse()),
    photos: computed(() => {
      const { attachments, stored } = photoRecords();
      return reportPhotos(
        attachments.map((record) => toPhotoView(record, stored)),
        notes(),
      );
    }),
    reference: computed(() => {
      const shown = job();
      return shown ? jobReference(shown.id) : '';
    }),
    completion: computed(() => {
      const shown = job();
      return shown ? jobCompletion(shown, history()) : null;
    }),
  })),
  withComputed(({ job, fingerprint }) => ({
    /** Signed, and the report no longer states what was signed. */
    changedSinceSigned: computed(() => {
      const signed = job()?.signOff;
      return Boolean(signed && signed.reportFingerprint !== fingerprint());
    }),
  })),
  withMethods((store) => ({
    /** Signs the report as it stands now: `signature` is SVG path data in a `width` × `height` box. */
    async sign(signerName: string, signature: string, width: number, height: number): Promise<void> {
      const shown = store.job();
      if (!shown) return;
      await store._jobs.signOff(shown.id, {
        signerName,
        signature,
        width,
        height,
        reportFingerprint: store.fingerprint(),
      });
    },
    load: rxMethod<string>(
      switchMap((id) => {
        patchState(store, { ...initialState, ...notLoaded });
        const readFailed = 'This job could not be read';
        const job = store._jobs.watchById(id).pipe(
          withItsSite((siteId) => store._sites.findById(siteId)),
          followInto(store, readFailed, ({ job, site }) => ({ job, site, loaded: true, missing: !job })),
        );
        const notes = store._notes.watchByJob(id).pipe(followInto(store, readFailed, (notes) => ({ notes })));
        const photos = store._photos
          .watch(id)
          .pipe(followInto(store, 'The photos could not be read', (photoRecords) => ({ photoRecords })));
        const history = store._history
          .watchFor('Job', id)
          .pipe(followInto(store, 'The job’s history could not be read', (history) => ({ history })));
        return merge(job, notes, photos, history);
      }),
    ),
  })),
);
