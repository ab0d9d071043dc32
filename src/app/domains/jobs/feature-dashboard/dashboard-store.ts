import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Job } from '../../../../models';
import { failure } from '../../shared/util/error-message';
import { JobRepository } from '../data/job-repository';
import { countByPriority, countByStatus, countOverdue, isClosed } from '../util/job-filters';
import { JOB_PRIORITIES, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { CLOCK, localDate } from '../util/local-date';

interface DashboardState {
  readonly jobs: readonly Job[];
  readonly loaded: boolean;
  readonly error: string | null;
  readonly today: string;
}

const initialState: DashboardState = { jobs: [], loaded: false, error: null, today: '' };

export const DashboardStore = signalStore(
  withState(initialState),
  withProps(() => ({ _repository: inject(JobRepository), _clock: inject(CLOCK) })),
  withComputed(({ jobs, today }) => ({
    total: computed(() => jobs().length),
    overdue: computed(() => countOverdue(jobs(), today())),
    byStatus: computed(() => {
      const counts = countByStatus(jobs());
      return JOB_STATUSES.map((status) => ({ label: STATUS_LABELS[status], value: counts[status] }));
    }),
    /** Priorities of the work still to do; finished jobs no longer compete for attention. */
    openByPriority: computed(() => {
      const counts = countByPriority(jobs().filter((job) => !isClosed(job)));
      return JOB_PRIORITIES.map((priority) => ({ label: PRIORITY_LABELS[priority], value: counts[priority] }));
    }),
  })),
  withMethods((store) => ({
    _connect: rxMethod<void>(
      switchMap(() =>
        store._repository.watchAll().pipe(
          tapResponse({
            next: (jobs) => patchState(store, { jobs, loaded: true, error: null }),
            error: (error: unknown) =>
              patchState(store, { loaded: true, error: failure('Jobs could not be read from this device', error) }),
          }),
        ),
      ),
    ),
  })),
  withHooks({
    onInit(store) {
      patchState(store, { today: localDate(store._clock()) });
      store._connect();
    },
  }),
);
