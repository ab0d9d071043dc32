import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { map, merge, switchMap } from 'rxjs';

import { type Job, type Site } from '../../../../models';
import { withCrews } from '../../crews/api';
import { ChangeLogRepository, type FieldChange, type HistoryEntry } from '../../history/api';
import { CLOCK, countByStatus, countOverdue, JobRepository, localDate, sortJobs } from '../../jobs/api';
import { attempt, followInto, notLoaded, withRequestStatus } from '../../shared/util/with-request-status';
import { UnsettledRecordChanges } from '../../sync/api';
import { SiteRepository } from '../data/site-repository';

interface SiteDetailState {
  readonly site: Site | null;
  readonly jobs: readonly Job[];
  /** Who changed the site and when, newest first. */
  readonly history: readonly HistoryEntry[];
  readonly missing: boolean;
  readonly today: string;
}

const initialState: SiteDetailState = {
  site: null,
  jobs: [],
  history: [],
  missing: false,
  today: '',
};

export const SiteDetailStore = signalStore(
  withState(initialState),
  withRequestStatus(),
  withCrews(),
  withProps(() => ({
    _sites: inject(SiteRepository),
    _jobs: inject(JobRepository),
    _history: inject(ChangeLogRepository),
    _unsettled: inject(UnsettledRecordChanges),
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
      return attempt(store, 'Deleting the site', () => store._sites.remove(site.id));
    },
    /** Puts an earlier value back, as a new edit that syncs. */
    async restoreEarlier(change: FieldChange): Promise<void> {
      const site = store.site();
      if (site)
        await attempt(store, 'Restoring the earlier value', () =>
          store._history.restore('Site', site.id, { [change.field]: change.from }),
        );
    },
    load: rxMethod<string>(
      switchMap((id) => {
        patchState(store, { ...initialState, ...notLoaded, today: localDate(store._clock()) });
        const readFailed = 'This site could not be read';
        // Sites are few, so following the whole list live is cheap and catches renames from other devices.
        const site = store._sites.watchAll().pipe(
          map((sites) => sites.find((each) => each.id === id) ?? null),
          followInto(store, readFailed, (site) => ({ site, loaded: true, missing: !site })),
        );
        const jobs = store._jobs.watchBySite(id).pipe(followInto(store, readFailed, (jobs) => ({ jobs })));
        const history = store._history
          .watchFor('Site', id, store._unsettled.watchFor(id))
          .pipe(followInto(store, readFailed, (history) => ({ history })));
        return merge(site, jobs, history);
      }),
    ),
  })),
);
