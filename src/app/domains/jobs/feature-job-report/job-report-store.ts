import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { merge, switchMap } from 'rxjs';

import { type FieldNote, type Job, type Site } from '../../../../models';
import { FieldNoteRepository } from '../../notes/api';
import { failure } from '../../shared/util/error-message';
import { SiteRepository } from '../../sites/api';
import { JobRepository } from '../data/job-repository';
import { checklistProgress } from '../util/checklist';
import { withItsSite } from '../util/job-with-site';

interface JobReportState {
  readonly job: Job | null;
  readonly site: Site | null;
  /** Newest observation first, as the repository gives them. */
  readonly notes: readonly FieldNote[];
  readonly loaded: boolean;
  /** The job is not (or no longer) on this device. */
  readonly missing: boolean;
  readonly error: string | null;
}

const initialState: JobReportState = {
  job: null,
  site: null,
  notes: [],
  loaded: false,
  missing: false,
  error: null,
};

/** One job with its site and field notes, read-only and live, from the device store (works offline). */
export const JobReportStore = signalStore(
  withState(initialState),
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
  withMethods((store) => {
    const onError = (error: unknown) =>
      patchState(store, { loaded: true, error: failure('This job could not be read', error) });
    return {
      load: rxMethod<string>(
        switchMap((id) => {
          patchState(store, initialState);
          const job = store._jobs.watchById(id).pipe(
            withItsSite((siteId) => store._sites.findById(siteId)),
            tapResponse({
              next: ({ job, site }) => patchState(store, { job, site, loaded: true, missing: !job }),
              error: onError,
            }),
          );
          const notes = store._notes
            .watchByJob(id)
            .pipe(tapResponse({ next: (notes) => patchState(store, { notes }), error: onError }));
          return merge(job, notes);
        }),
      ),
    };
  }),
);
