import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Job } from '../../../../models';
import { followInto, withRequestStatus } from '../../shared/util/with-request-status';
import { JobRepository } from '../data/job-repository';
import { countByPriority, countByStatus, countOverdue, isClosed } from '../util/job-filters';
import { JOB_PRIORITIES, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { CLOCK, localDate } from '../util/local-date';

interface DashboardState {
  readonly jobs: readonly Job[];
  readonly today: string;
}

const initialState: DashboardState = { jobs: [], today: '' };

export const DashboardStore = signalStore(
  withState(initialState),
  withRequestStatus(),
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
          followInto(store, 'Jobs could not be read from this device', (jobs) => ({
            jobs,
            loaded: true,
            error: null,
          })),
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
