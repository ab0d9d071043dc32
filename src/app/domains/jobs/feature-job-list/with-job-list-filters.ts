import { computed, inject } from '@angular/core';
import {
  patchState,
  signalStoreFeature,
  watchState,
  withComputed,
  withHooks,
  withMethods,
  withProps,
  withState,
} from '@ngrx/signals';

import { type JobPriority, type JobStatus } from '../../../../models';
import { type JobListFilters, JobListFiltersMemory } from '../data/job-list-filters-memory';
import { type JobSort } from '../util/job-filters';

const initialFilters: JobListFilters = {
  view: 'all',
  query: '',
  statuses: [],
  priority: null,
  assignee: null,
  site: null,
  crew: null,
  sort: 'due',
};

/** The list's view, search, filters and sort, kept for the tab so coming back from a job finds them as left. */
export function withJobListFilters() {
  return signalStoreFeature(
    withState(initialFilters),
    withProps(() => ({ _filtersMemory: inject(JobListFiltersMemory) })),
    withComputed((store) => {
      /** How many filters behind the Filters button narrow the list (search is on show beside it). */
      const activeFilters = computed(
        () =>
          store.statuses().length +
          (store.priority() ? 1 : 0) +
          (store.assignee() !== null ? 1 : 0) +
          (store.site() !== null ? 1 : 0) +
          (store.crew() !== null ? 1 : 0),
      );
      return { activeFilters, filtered: computed(() => !!store.query().trim() || activeFilters() > 0) };
    }),
    withMethods((store) => ({
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
      setCrew(crew: string | null): void {
        patchState(store, { crew });
      },
      setSort(sort: JobSort): void {
        patchState(store, { sort });
      },
      clearFilters(): void {
        patchState(store, { query: '', statuses: [], priority: null, assignee: null, site: null, crew: null });
      },
    })),
    withHooks({
      onInit(store) {
        patchState(store, store._filtersMemory.read());
        watchState(store, ({ view, query, statuses, priority, assignee, site, crew, sort }) =>
          store._filtersMemory.write({ view, query, statuses, priority, assignee, site, crew, sort }),
        );
      },
    }),
  );
}
