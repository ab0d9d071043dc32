import { computed, effect, inject, untracked } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import {
  debounceTime,
  defer,
  EMPTY,
  filter,
  from,
  map,
  merge,
  type Observable,
  share,
  startWith,
  switchMap,
  tap,
} from 'rxjs';

import { SyncLeadership, type TabRole } from '../../shared/data/sync-leadership';
import { type ChangeToReview } from '../util/change-to-review';
import { type QueuedCounts } from '../util/outbox-entry';
import { type SyncEvent } from '../util/sync-event';
import {
  applyOutboxCount,
  changesOutbox,
  currentProblem,
  initialSyncStatus,
  outboxSettled,
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
    /** Outbox events seen: a count begun before the latest one may be old. */
    _outboxEvents: { seen: 0 },
  })),
  withComputed((store) => ({
    toReviewCount: computed(() => store.changes().length),
    settled: computed(() =>
      outboxSettled({ outboxCounted: store.outboxCounted(), syncQueriesDone: store.syncQueriesDone() }),
    ),
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
      const seen = store._outboxEvents.seen;
      const [queued, lastSynced] = await Promise.all([store._reader.queuedCounts(), store._reader.lastSyncTimes()]);
      patchState(store, (state) => ({
        ...applyOutboxCount(state, queued, seen === store._outboxEvents.seen),
        lastSynced: { ...lastSynced, ...state.lastSynced },
      }));
    },
    /** The leader follows DataStore's events; the other tabs take the leader's status. */
    _connect: rxMethod<TabRole>(
      switchMap((role) => {
        if (role === 'follower') return store._relay.fromLeader().pipe(tap((status) => patchState(store, status)));
        if (role === 'inactive') return EMPTY;
        const events = store._events.events().pipe(share());
        const applied = events.pipe(
          tap((event) => {
            if (changesOutbox(event)) store._outboxEvents.seen++;
            patchState(store, (state) => reduceSyncEvent(state, event));
          }),
        );
        // Until the engine here reports, what a previous leader or a previous run said is no proof.
        const leading = defer(() => {
          patchState(store, (state) => ({
            outboxCounted: false,
            syncQueriesDone: false,
            lastProgressAt: state.lastProgressAt ?? Date.now(),
          }));
          return EMPTY;
        });
        return merge(
          leading,
          applied,
          recounts(events, store._outboxEvents, () => store._reader.queuedCounts()).pipe(
            tap(({ queued, counted }) => patchState(store, (state) => applyOutboxCount(state, queued, counted))),
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
    outboxCounted: store.outboxCounted(),
    syncQueriesDone: store.syncQueriesDone(),
    lastSynced: store.lastSynced(),
    lastSuccessAt: store.lastSuccessAt(),
    lastProgressAt: store.lastProgressAt(),
    serverUnreachable: store.serverUnreachable(),
    problems: store.problems(),
  };
}

/**
 * The outbox counted once at once and again after each burst of outbox events; a count is
 * `counted` only if no outbox event came while it was read.
 */
function recounts(
  events: Observable<SyncEvent>,
  outboxEvents: { readonly seen: number },
  count: () => Promise<QueuedCounts>,
): Observable<{ queued: QueuedCounts; counted: boolean }> {
  return events.pipe(
    filter(changesOutbox),
    debounceTime(RECOUNT_DEBOUNCE_MS),
    startWith(undefined),
    switchMap(() => {
      const seen = outboxEvents.seen;
      return from(count()).pipe(map((queued) => ({ queued, counted: seen === outboxEvents.seen })));
    }),
  );
}
