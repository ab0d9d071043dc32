import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { merge, switchMap } from 'rxjs';

import { type FieldNote, type Job, type Site } from '../../../../models';
import { FieldNoteRepository } from '../../notes/api';
import { followInto, notLoaded, withRequestStatus } from '../../shared/util/with-request-status';
import { SiteRepository } from '../../sites/api';
import { JobRepository } from '../data/job-repository';
import { checklistProgress } from '../util/checklist';
import { withItsSite } from '../util/job-with-site';

interface JobReportState {
  readonly job: Job | null;
  readonly site: Site | null;
  /** Newest observation first, as the repository gives them. */
  readonly notes: readonly FieldNote[];
  /** The job is not (or no longer) on this device. */
  readonly missing: boolean;
}

const initialState: JobReportState = {
  job: null,
  site: null,
  notes: [],
  missing: false,
};

/** One job with its site and field notes, read-only and live, from the device store (works offline). */
export const JobReportStore = signalStore(
  withState(initialState),
  withRequestStatus(),
  withProps(() => ({
    _jobs: inject(JobRepository),
    _notes: inject(FieldNoteRepository),
    _sites: inject(SiteRepository),
  })),
  withComputed(({ job, notes }) => ({
    progress: computed(() => checklistProgress(job()?.checklist)),
    /** A report reads in the order the work was done: oldest observation first. */
    notesInOrder: computed(() => [...notes()].reverse()),
  })),
  withMethods((store) => ({
    load: rxMethod<string>(
      switchMap((id) => {
        patchState(store, { ...initialState, ...notLoaded });
        const readFailed = 'This job could not be read';
        const job = store._jobs.watchById(id).pipe(
          withItsSite((siteId) => store._sites.findById(siteId)),
          followInto(store, readFailed, ({ job, site }) => ({ job, site, loaded: true, missing: !job })),
        );
        const notes = store._notes.watchByJob(id).pipe(followInto(store, readFailed, (notes) => ({ notes })));
        return merge(job, notes);
      }),
    ),
  })),
);
