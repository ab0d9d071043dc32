import { tapResponse } from '@ngrx/operators';
import { patchState, signalStoreFeature, withState, type WritableStateSource } from '@ngrx/signals';
import { type MonoTypeOperatorFunction } from 'rxjs';

import { failure } from './error-message';

/** Whether a screen's data has arrived from the device store, and what went wrong last, in words. */
export interface RequestStatus {
  readonly loaded: boolean;
  readonly error: string | null;
}

type StatusStore = WritableStateSource<RequestStatus>;

export function withRequestStatus() {
  return signalStoreFeature(withState<RequestStatus>({ loaded: false, error: null }));
}

/** The status of a screen that has not read anything yet. */
export const notLoaded: RequestStatus = { loaded: false, error: null };

/**
 * Follows a live query into the store: each value patched in through `patch`, a failure shown as
 * "<readFailed>: <why>" (and the screen no longer waiting) instead of the stream ending silently.
 */
export function followInto<S extends RequestStatus, T>(
  store: WritableStateSource<S>,
  readFailed: string,
  patch: (value: T) => NoInfer<Partial<S>>,
): MonoTypeOperatorFunction<T> {
  return tapResponse<T>({
    next: (value) => patchState(store, patch(value)),
    error: (error: unknown) => patchState(store as StatusStore, { loaded: true, error: failure(readFailed, error) }),
  });
}

/**
 * Runs one write a person asked for: the last error is cleared first, and a failure becomes
 * "<what> failed: <why>" on screen and `false`, never an unhandled rejection.
 */
export async function attempt(store: StatusStore, what: string, write: () => Promise<unknown>): Promise<boolean> {
  patchState(store, { error: null });
  try {
    await write();
    return true;
  } catch (error: unknown) {
    patchState(store, { error: failure(`${what} failed`, error) });
    return false;
  }
}
