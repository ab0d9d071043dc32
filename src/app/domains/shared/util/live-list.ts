import { asyncScheduler, from, map, merge, type Observable, switchMap, throttleTime } from 'rxjs';

/** How often a burst of local changes (a sync page landing, say) may re-run a list query. */
export const REQUERY_THROTTLE_MS = 100;

/**
 * A live list that shows the device's own writes at once.
 *
 * DataStore's observeQuery holds follow-up snapshots for up to 2 s while a model is not fully
 * synced, which is always the case offline. Re-running the query whenever the model's change
 * feed fires closes that gap; the throttle is leading-edge, so a single save re-queries
 * immediately while thousands of incoming sync records re-query a few times a second at most.
 */
export function liveList<T>(
  snapshots: Observable<{ items: readonly T[] }>,
  changes: Observable<unknown>,
  requery: () => Promise<readonly T[]>,
): Observable<readonly T[]> {
  const requeried = changes.pipe(
    throttleTime(REQUERY_THROTTLE_MS, asyncScheduler, { leading: true, trailing: true }),
    switchMap(() => from(requery())),
  );
  return merge(snapshots.pipe(map((snapshot) => snapshot.items)), requeried);
}
