import { inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Job, type Site } from '../../../../models';
import { Permissions } from '../../account/api';
import { failure } from '../../shared/util/error-message';
import { SiteRepository } from '../../sites/api';
import { type JobChanges, type JobDraft, JobRepository } from '../data/job-repository';

interface JobFormState {
  readonly sites: readonly Site[];
  readonly sitesLoaded: boolean;
  /** The job being edited as the form first showed it; null while creating. */
  readonly job: Job | null;
  /** The job as stored now, live: another tab or device may change it while the form is open. */
  readonly latest: Job | null;
  /** Deleted here or elsewhere while the form was open. */
  readonly deletedMeanwhile: boolean;
  readonly missing: boolean;
  readonly saving: boolean;
  readonly error: string | null;
}

const initialState: JobFormState = {
  sites: [],
  sitesLoaded: false,
  job: null,
  latest: null,
  deletedMeanwhile: false,
  missing: false,
  saving: false,
  error: null,
};

export const JobFormStore = signalStore(
  withState(initialState),
  withProps(() => ({
    _jobs: inject(JobRepository),
    _sites: inject(SiteRepository),
    _permissions: inject(Permissions),
  })),
  withMethods((store) => {
    const followJob = rxMethod<string>(
      switchMap((id) =>
        store._jobs.watchById(id).pipe(
          tapResponse({
            next: (latest) => patchState(store, latest ? { latest } : { deletedMeanwhile: true }),
            error: (error: unknown) => patchState(store, { error: failure('This job could not be read', error) }),
          }),
        ),
      ),
    );
    return {
      async loadJob(id: string): Promise<Job | undefined> {
        try {
          const job = await store._jobs.findById(id);
          patchState(store, { job: job ?? null, latest: job ?? null, missing: !job });
          if (job) followJob(id);
          return job;
        } catch (error) {
          patchState(store, { error: failure('This job could not be read', error) });
          return undefined;
        }
      },
      /**
       * Creates the job, or sends only `changes` (what the user changed in the form) to the one being
       * edited. Resolves to its id, or null with `error` set; the form keeps what was typed either way.
       * A new site of another crew takes the job there with everything on it when the office moves
       * it (the one who may change sites may move other people's records and tell the old crew).
       */
      async save(draft: JobDraft, changes: JobChanges = draft): Promise<string | null> {
        patchState(store, { saving: true, error: null });
        try {
          const job = store.job();
          const handOver = store._permissions.may('update', 'Site');
          const saved = job ? await store._jobs.update(job.id, changes, { handOver }) : await store._jobs.create(draft);
          patchState(store, { saving: false, job: saved });
          return saved.id;
        } catch (error) {
          patchState(store, { saving: false, error: failure('The job was not saved', error) });
          return null;
        }
      },
      _connectSites: rxMethod<void>(
        switchMap(() =>
          store._sites.watchAll().pipe(
            tapResponse({
              next: (sites) => patchState(store, { sites, sitesLoaded: true }),
              error: (error: unknown) =>
                patchState(store, { sitesLoaded: true, error: failure('Sites could not be read', error) }),
            }),
          ),
        ),
      ),
    };
  }),
  withHooks({
    onInit(store) {
      store._connectSites();
    },
  }),
);
