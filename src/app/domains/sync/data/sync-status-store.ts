import { computed, effect, inject, untracked } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { debounceTime, EMPTY, filter, from, merge, type Observable, share, switchMap, tap } from 'rxjs';

import { SyncLeadership, type TabRole } from '../../shared/data/sync-leadership';
import { type ChangeToReview } from '../util/change-to-review';
import { type SyncEvent } from '../util/sync-event';
import {
  changesOutbox,
  currentProblem,
  initialSyncStatus,
  reduceSyncEvent,
  type SyncStatusState,
} from '../util/sync-status-reducer';
import { ReviewRepository } from './review-repository';
import { SyncEventsSource } from './sync-events-source';
import { SyncStatusRelay } from './sync-status-relay';
import { SyncStorageReader } from './sync-storage-reader';

/** DataStore dequeues a dropped mutation just after calling errorHandler, so re-count a moment later. */
export const RECOUNT_DEBOUNCE_MS = 150;

/** Online/offline, pending changes, last sync per model, problems and changes to review: one store for the app. */
export const SyncStatusStore = signalStore(
  { providedIn: 'root' },
  withState({ ...initialSyncStatus, changes: [] as readonly ChangeToReview[] }),
  withProps(() => ({
    _events: inject(SyncEventsSource),
    _reader: inject(SyncStorageReader),
    _conflicts: inject(ReviewRepository),
    _leadership: inject(SyncLeadership),
    _relay: inject(SyncStatusRelay),
  })),
  withComputed((store) => ({
    toReviewCount: computed(() => store.changes().length),
    problem: computed(() => currentProblem({ problems: store.problems(), lastSuccessAt: store.lastSuccessAt() })),
    lastSyncedAt: computed(() => {
      const times = [...Object.values(store.lastSynced()), store.lastSuccessAt() ?? 0];
      const latest = Math.max(...times);
      return latest > 0 ? latest : null;
    }),
  })),
  withMethods((store) => ({
    /** Re-reads what is queued and when each model last synced, e.g. at start or after clearing data. */
    async refresh(): Promise<void> {
      const [pending, lastSynced] = await Promise.all([store._reader.pendingCount(), store._reader.lastSyncTimes()]);
      patchState(store, (state) => ({ pending, lastSynced: { ...lastSynced, ...state.lastSynced } }));
    },
    /** The leader follows DataStore's events; the other tabs take the leader's status. */
    _connect: rxMethod<TabRole>(
      switchMap((role) => {
        if (role === 'follower') return store._relay.fromLeader().pipe(tap((status) => patchState(store, status)));
        if (role === 'inactive') return EMPTY;
        const events = store._events.events().pipe(share());
        const applied = events.pipe(tap((event) => patchState(store, (state) => reduceSyncEvent(state, event))));
        return merge(
          applied,
          recounts(
            events,
            () => store._reader.pendingCount(),
            (pending) => patchState(store, { pending }),
          ),
        );
      }),
    ),
    _shareWhenAsked: rxMethod<void>(
      switchMap(() => store._relay.asks().pipe(tap(() => store._relay.share(statusOf(store))))),
    ),
    _watchChanges: rxMethod<void>(
      switchMap(() =>
        store._conflicts
          .watch()
          .pipe(tapResponse({ next: (changes) => patchState(store, { changes }), error: () => undefined })),
      ),
    ),
  })),
  withHooks({
    onInit(store) {
      store._connect(store._leadership.roleChanges());
      store._shareWhenAsked();
      store._watchChanges();
      effect(() => {
        const status = statusOf(store);
        untracked(() => store._relay.share(status));
      });
      void store.refresh();
    },
  }),
);

function statusOf(store: { [K in keyof SyncStatusState]: () => SyncStatusState[K] }): SyncStatusState {
  return {
    online: store.online(),
    syncing: store.syncing(),
    pending: store.pending(),
    lastSynced: store.lastSynced(),
    lastSuccessAt: store.lastSuccessAt(),
    lastProgressAt: store.lastProgressAt(),
    serverUnreachable: store.serverUnreachable(),
    problems: store.problems(),
  };
}

function recounts(
  events: Observable<SyncEvent>,
  count: () => Promise<number>,
  apply: (pending: number) => void,
): Observable<number> {
  return events.pipe(
    filter(changesOutbox),
    debounceTime(RECOUNT_DEBOUNCE_MS),
    switchMap(() => from(count())),
    tap(apply),
  );
}
