import { Observable, Subscription } from 'rxjs';

import { type Identified, type ListChange, type ListShape, patchRecords, planUpdate } from './list-patch';

/** Least pause between two burst re-queries, so a long sync leaves room for everything else. */
export const REQUERY_THROTTLE_MS = 100;
/** While this tab takes over the sync engine its DataStore restarts; reads wait that long per try. */
export const RESTART_RETRY_MS = 100;
const RESTART_RETRIES = 100;

export interface LiveQuery<T extends Identified> extends ListShape<T> {
  /** Whole lists as they come (DataStore.observeQuery); without them the list starts from requery(). */
  readonly snapshots?: Observable<{ readonly items: readonly T[] }>;
  /** One message per changed record of the list's model (DeviceChanges or DataStore.observe). */
  readonly changes: Observable<{ readonly element: Identified }>;
  /** The whole list, as the query returns it now. */
  requery(): Promise<readonly T[]>;
  /** One record as stored now; undefined once deleted. */
  readOne(id: string): Promise<T | undefined>;
}

/**
 * A live list that shows the device's own writes at once.
 *
 * DataStore's observeQuery holds follow-up snapshots for up to 2 s while a model is not fully
 * synced, which is always the case offline; its snapshots are passed through as they come. The
 * change feed closes the gap: a few changed records are re-read by id and patched into the last
 * list at their sorted position (or removed), with no delay, so a save shows within milliseconds
 * instead of after a re-query of every row (1–2 s at 10,000 jobs, bench/). Changes that arrive
 * together (a sync page landing: hundreds of records in one go) are taken in with one re-query
 * instead. Only one read or re-query runs at a time; changes arriving meanwhile are collected for
 * the next round, and a burst re-query waits at least as long after the previous one as that one
 * took, so a first sync of thousands of records is not slowed down by the open list.
 */
export function liveList<T extends Identified>(query: LiveQuery<T>): Observable<readonly T[]> {
  return new Observable<readonly T[]>((subscriber) => {
    let list: readonly T[] | undefined;
    // The list's records by id, so a patch finds a record by binary search instead of a scan.
    let held = new Map<string, T>();
    const changed = new Set<string>();
    let running = false;
    let lastRequery = { endedAt: -Infinity, tookMs: 0 };
    let stale = false;
    let retries = 0;
    const emit = (next: readonly T[], patched?: readonly ListChange<T>[]) => {
      list = next;
      if (!patched) held = new Map(next.map((item) => [item.id, item]));
      else
        for (const { id, current } of patched) {
          if (current && query.matches(current)) held.set(id, current);
          else held.delete(id);
        }
      subscriber.next(next);
    };

    const requery = async () => {
      const pause = Math.max(REQUERY_THROTTLE_MS, lastRequery.tookMs) - (performance.now() - lastRequery.endedAt);
      if (pause > 0 && list !== undefined) await new Promise((resolve) => setTimeout(resolve, pause));
      changed.clear();
      stale = false;
      const startedAt = performance.now();
      const items = await query.requery();
      lastRequery = { endedAt: performance.now(), tookMs: performance.now() - startedAt };
      return items;
    };

    const update = async () => {
      while ((changed.size > 0 || list === undefined || stale) && !subscriber.closed) {
        if (stale || planUpdate(changed.size, list !== undefined) === 'requery') {
          const items = await requery();
          if (!subscriber.closed) emit(items);
          continue;
        }
        const ids = [...changed];
        changed.clear();
        const records = await Promise.all(ids.map((id) => query.readOne(id)));
        // Patched onto the latest list, which may be a snapshot that arrived during the reads.
        const changes = ids.map((id, i) => ({ id, current: records[i] }));
        if (!subscriber.closed) emit(patchRecords(list ?? [], changes, query, held), changes);
      }
      // In the same tick as the last check of `changed`, so no change can slip in unnoticed.
      running = false;
    };

    const start = () => {
      if (running) return;
      running = true;
      // A microtask, not a timer: a single save is applied at once, while records that arrive in one
      // synchronous burst are all collected before deciding between patching and re-querying.
      queueMicrotask(() => {
        update().then(
          () => (retries = 0),
          (error: unknown) => {
            running = false;
            // A read that met DataStore stopping (this tab taking over the sync engine) is read again.
            if (isStoreRestarting(error) && retries++ < RESTART_RETRIES) {
              stale = true;
              setTimeout(start, RESTART_RETRY_MS);
              return;
            }
            subscriber.error(error);
          },
        );
      });
    };

    const subscription = new Subscription();
    if (query.snapshots) {
      subscription.add(
        query.snapshots.subscribe({ next: (snapshot) => emit(snapshot.items), error: (e) => subscriber.error(e) }),
      );
    } else {
      start();
    }
    subscription.add(
      query.changes.subscribe({
        next: (message) => {
          changed.add(message.element.id);
          start();
        },
        error: (e: unknown) => subscriber.error(e),
      }),
    );
    return subscription;
  });
}

/** DataStore refuses reads while it stops or starts ("DataStoreStateError: Tried to execute …"). */
function isStoreRestarting(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('DataStoreStateError');
}
