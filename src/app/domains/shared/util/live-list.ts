import {
  asyncScheduler,
  defer,
  from,
  map,
  merge,
  type Observable,
  Subject,
  switchMap,
  take,
  throttle,
  timer,
  zip,
} from 'rxjs';

/** How often a burst of local changes (a sync page landing, say) may re-run a list query. */
export const REQUERY_THROTTLE_MS = 100;

/**
 * A live list that shows the device's own writes at once.
 *
 * DataStore's observeQuery holds follow-up snapshots for up to 2 s while a model is not fully
 * synced, which is always the case offline. Re-running the query whenever the model's change
 * feed fires closes that gap. The throttle is leading-edge, so a single save re-queries
 * immediately; during a burst (thousands of incoming sync records) the next query starts only
 * after the previous one has finished and at least REQUERY_THROTTLE_MS have passed. A fixed-rate
 * throttle started a query every 100 ms even when one query of 10,000 rows took longer, so the
 * queries piled up and slowed a first sync with the jobs list open more than tenfold (bench/).
 */
export function liveList<T>(
  snapshots: Observable<{ items: readonly T[] }>,
  changes: Observable<unknown>,
  requery: () => Promise<readonly T[]>,
): Observable<readonly T[]> {
  const requeried = defer(() => {
    const finished = new Subject<void>();
    return changes.pipe(
      throttle(() => zip(finished.pipe(take(1)), timer(REQUERY_THROTTLE_MS, asyncScheduler)), {
        leading: true,
        trailing: true,
      }),
      switchMap(() => from(requery().finally(() => finished.next()))),
    );
  });
  return merge(snapshots.pipe(map((snapshot) => snapshot.items)), requeried);
}
