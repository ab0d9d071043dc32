import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { map, merge, switchMap } from 'rxjs';

import { type Job, type Site } from '../../../../models';
import { ChangeLogRepository, type FieldChange, type HistoryEntry } from '../../history/api';
import { CLOCK, countByStatus, countOverdue, JobRepository, localDate, sortJobs } from '../../jobs/api';
import { failure } from '../../shared/util/error-message';
import { SiteRepository } from '../data/site-repository';

interface SiteDetailState {
  readonly site: Site | null;
  readonly jobs: readonly Job[];
  /** Who changed the site and when, newest first. */
  readonly history: readonly HistoryEntry[];
  readonly loaded: boolean;
  readonly missing: boolean;
  readonly error: string | null;
  readonly today: string;
}

const initialState: SiteDetailState = {
  site: null,
  jobs: [],
  history: [],
  loaded: false,
  missing: false,
  error: null,
  today: '',
};

export const SiteDetailStore = signalStore(
  withState(initialState),
  withProps(() => ({
    _sites: inject(SiteRepository),
    _jobs: inject(JobRepository),
    _history: inject(ChangeLogRepository),
    _clock: inject(CLOCK),
  })),
  withComputed(({ jobs, today }) => ({
    sortedJobs: computed(() => sortJobs(jobs(), 'due')),
    statusCounts: computed(() => countByStatus(jobs())),
    overdueCount: computed(() => countOverdue(jobs(), today())),
  })),
  withMethods((store) => ({
    /** Deletes the site with its jobs and their notes (DataStore's cascade); false when it failed. */
    async deleteSite(): Promise<boolean> {
      const site = store.site();
      if (!site) return false;
      patchState(store, { error: null });
      try {
        await store._sites.remove(site.id);
        return true;
      } catch (error: unknown) {
        patchState(store, { error: failure('Deleting the site failed', error) });
        return false;
      }
    },
    /** Puts an earlier value back, as a new edit that syncs. */
    async restoreEarlier(change: FieldChange): Promise<void> {
      const site = store.site();
      if (!site) return;
      patchState(store, { error: null });
      try {
        await store._history.restore('Site', site.id, { [change.field]: change.from });
      } catch (error: unknown) {
        patchState(store, { error: failure('Restoring the earlier value failed', error) });
      }
    },
    load: rxMethod<string>(
      switchMap((id) => {
        patchState(store, { ...initialState, today: localDate(store._clock()) });
        const onError = (error: unknown) =>
          patchState(store, { loaded: true, error: failure('This site could not be read', error) });
        // Sites are few, so following the whole list live is cheap and catches renames from other devices.
        const site = store._sites.watchAll().pipe(
          map((sites) => sites.find((each) => each.id === id) ?? null),
          tapResponse({ next: (site) => patchState(store, { site, loaded: true, missing: !site }), error: onError }),
        );
        const jobs = store._jobs
          .watchBySite(id)
          .pipe(tapResponse({ next: (jobs) => patchState(store, { jobs }), error: onError }));
        const history = store._history
          .watchFor(id)
          .pipe(tapResponse({ next: (history) => patchState(store, { history }), error: onError }));
        return merge(site, jobs, history);
      }),
    ),
  })),
);
