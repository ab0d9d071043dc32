import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Job } from '../../../../models';
import { withCrews } from '../../crews/api';
import { CrewMemberPreference } from '../../device/api';
import { failure } from '../../shared/util/error-message';
import { JobRepository } from '../data/job-repository';
import { JOB_PAGE_SIZE } from '../ui/job-card-list';
import { type JobView, sortJobs } from '../util/job-filters';
import { JobListIndex } from '../util/job-list-index';
import { CLOCK, localDate } from '../util/local-date';
import { sitesNear, withDevicePosition } from './with-device-position';
import { withJobListFilters } from './with-job-list-filters';
import { withSiteNames } from './with-site-names';

interface JobListState {
  readonly jobs: readonly Job[];
  /** The jobs due first, read quickly while `jobs` is still being read (see firstCards). */
  readonly dueFirst: readonly Job[];
  readonly loaded: boolean;
  readonly error: string | null;
  readonly crewMember: string;
  /** The crew member is the signed-in person, so "Mine" asks for no name. */
  readonly nameFromAccount: boolean;
  readonly today: string;
}

const initialState: JobListState = {
  jobs: [],
  dueFirst: [],
  loaded: false,
  error: null,
  crewMember: '',
  nameFromAccount: false,
  today: '',
};

export const JobListStore = signalStore(
  withState(initialState),
  withJobListFilters(),
  withSiteNames(),
  withCrews(),
  withDevicePosition(),
  withProps(() => ({
    _repository: inject(JobRepository),
    _crewMemberPreference: inject(CrewMemberPreference),
    _clock: inject(CLOCK),
  })),
  withComputed((store) => {
    const siteDistances = computed(() => sitesNear(store.here(), store.sites()));
    // Kept across changes: a saved or synced job is patched in, not every job filtered and sorted again.
    const index = new JobListIndex();
    const list = computed(() =>
      index.update({
        jobs: store.jobs(),
        criteria: {
          view: store.view(),
          today: store.today(),
          crewMember: store.crewMember(),
          query: store.query(),
          statuses: store.statuses(),
          priority: store.priority(),
          assignee: store.assignee(),
          site: store.site(),
          crew: store.crew(),
          siteNames: store.siteNames(),
        },
        sort: store.sort(),
        siteDistances: siteDistances(),
      }),
    );
    return {
      siteDistances,
      /**
       * Before every job is read (tens of thousands take seconds on a phone), the list's first cards
       * in its default order (all jobs by due date, nothing filtered): the same cards, in the same
       * order, that the whole list starts with.
       */
      firstCards: computed(() =>
        !store.loaded() && store.view() === 'all' && store.sort() === 'due' && !store.filtered()
          ? sortJobs(store.dueFirst(), 'due').slice(0, JOB_PAGE_SIZE)
          : [],
      ),
      total: computed(() => list().total),
      statusCounts: computed(() => list().statusCounts),
      visibleJobs: computed(() => list().visibleJobs),
      viewCounts: computed(() => list().viewCounts),
      assignees: computed(() => list().assignees),
    };
  }),
  withMethods((store) => ({
    setView(view: JobView): void {
      patchState(store, { view, today: localDate(store._clock()) });
    },
    setCrewMember(name: string): void {
      store._crewMemberPreference.write(name);
      patchState(store, { crewMember: name.trim() });
    },
    _connect: rxMethod<void>(
      switchMap(() =>
        store._repository.watchAll().pipe(
          tapResponse({
            next: (jobs) => patchState(store, { jobs, dueFirst: [], loaded: true, error: null }),
            error: (error: unknown) => patchState(store, { loaded: true, error: describeError(error) }),
          }),
        ),
      ),
    ),
  })),
  withHooks({
    onInit(store) {
      patchState(store, {
        crewMember: store._crewMemberPreference.read(),
        nameFromAccount: store._crewMemberPreference.fromAccount(),
        today: localDate(store._clock()),
      });
      // Asked first: the repository holds the read of every job back until these are read.
      void store._repository.firstByDueDate(JOB_PAGE_SIZE).then(
        (dueFirst) => {
          if (dueFirst && !store.loaded()) patchState(store, { dueFirst });
        },
        () => undefined,
      );
      store._connect();
      // Kept for the tab: sorting by distance again needs where the device is now.
      if (store.sort() === 'distance') void store.locate();
    },
  }),
);

function describeError(error: unknown): string {
  return failure('Jobs could not be read from this device', error);
}
