import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import {
  patchState,
  signalStore,
  watchState,
  withComputed,
  withHooks,
  withMethods,
  withProps,
  withState,
} from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Job, type JobPriority, type JobStatus } from '../../../../models';
import { failure } from '../../shared/util/error-message';
import { CrewMemberPreference } from '../data/crew-member-preference';
import { type JobListFilters, JobListFiltersMemory } from '../data/job-list-filters-memory';
import { JobRepository } from '../data/job-repository';
import {
  assigneesOf,
  countByStatus,
  countViews,
  filterByStatus,
  filterJobsExceptStatus,
  type JobSort,
  type JobView,
  sortJobs,
} from '../util/job-filters';
import { CLOCK, localDate } from '../util/local-date';
import { withSiteNames } from './with-site-names';

interface JobListState extends JobListFilters {
  readonly jobs: readonly Job[];
  readonly loaded: boolean;
  readonly error: string | null;
  readonly crewMember: string;
  readonly today: string;
}

const initialState: JobListState = {
  jobs: [],
  loaded: false,
  error: null,
  view: 'all',
  query: '',
  statuses: [],
  priority: null,
  assignee: null,
  site: null,
  sort: 'due',
  crewMember: '',
  today: '',
};

export const JobListStore = signalStore(
  withState(initialState),
  withSiteNames(),
  withProps(() => ({
    _repository: inject(JobRepository),
    _crewMemberPreference: inject(CrewMemberPreference),
    _filtersMemory: inject(JobListFiltersMemory),
    _clock: inject(CLOCK),
  })),
  withComputed((store) => {
    const matching = computed(() =>
      filterJobsExceptStatus(store.jobs(), {
        view: store.view(),
        today: store.today(),
        crewMember: store.crewMember(),
        query: store.query(),
        statuses: store.statuses(),
        priority: store.priority(),
        assignee: store.assignee(),
        site: store.site(),
        siteNames: store.siteNames(),
      }),
    );
    return {
      total: computed(() => store.jobs().length),
      statusCounts: computed(() => countByStatus(matching())),
      visibleJobs: computed(() =>
        sortJobs(filterByStatus(matching(), store.statuses()), store.sort(), store.siteNames()),
      ),
      viewCounts: computed(() => countViews(store.jobs(), store.today(), store.crewMember())),
      assignees: computed(() => assigneesOf(store.jobs())),
      /** How many filters behind the Filters button narrow the list (search is on show beside it). */
      activeFilters: computed(
        () =>
          store.statuses().length +
          (store.priority() ? 1 : 0) +
          (store.assignee() !== null ? 1 : 0) +
          (store.site() !== null ? 1 : 0),
      ),
    };
  }),
  withComputed((store) => ({
    filtered: computed(() => !!store.query().trim() || store.activeFilters() > 0),
  })),
  withMethods((store) => ({
    setView(view: JobView): void {
      patchState(store, { view, today: localDate(store._clock()) });
    },
    search(query: string): void {
      patchState(store, { query });
    },
    toggleStatus(status: JobStatus): void {
      const statuses = store.statuses();
      patchState(store, {
        statuses: statuses.includes(status) ? statuses.filter((each) => each !== status) : [...statuses, status],
      });
    },
    setPriority(priority: JobPriority | null): void {
      patchState(store, { priority });
    },
    setAssignee(assignee: string | null): void {
      patchState(store, { assignee });
    },
    setSite(site: string | null): void {
      patchState(store, { site });
    },
    setSort(sort: JobSort): void {
      patchState(store, { sort });
    },
    clearFilters(): void {
      patchState(store, { query: '', statuses: [], priority: null, assignee: null, site: null });
    },
    setCrewMember(name: string): void {
      store._crewMemberPreference.write(name);
      patchState(store, { crewMember: name.trim() });
    },
    _connect: rxMethod<void>(
      switchMap(() =>
        store._repository.watchAll().pipe(
          tapResponse({
            next: (jobs) => patchState(store, { jobs, loaded: true, error: null }),
            error: (error: unknown) => patchState(store, { loaded: true, error: describeError(error) }),
          }),
        ),
      ),
    ),
  })),
  withHooks({
    onInit(store) {
      patchState(store, {
        ...store._filtersMemory.read(),
        crewMember: store._crewMemberPreference.read(),
        today: localDate(store._clock()),
      });
      watchState(store, ({ view, query, statuses, priority, assignee, site, sort }) =>
        store._filtersMemory.write({ view, query, statuses, priority, assignee, site, sort }),
      );
      store._connect();
    },
  }),
);

function describeError(error: unknown): string {
  return failure('Jobs could not be read from this device', error);
}
