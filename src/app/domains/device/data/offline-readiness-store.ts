import { computed, inject } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import {
  defer,
  filter,
  fromEvent,
  merge,
  type Observable,
  repeat,
  startWith,
  switchMap,
  take,
  takeWhile,
  tap,
  timer,
} from 'rxjs';

import { offlineReadinessMessage } from '../util/offline-readiness-message';
import { type AppCacheState, OfflineCache } from './offline-cache';

interface OfflineReadinessState extends AppCacheState {
  readonly online: boolean;
  /** The caches were read once: until then a ready device would flash "Getting ready" at every start. */
  readonly checked: boolean;
}

const initialState: OfflineReadinessState = { ready: false, stored: 0, total: 0, online: true, checked: false };

/** While not ready, the caches are read again after 250 ms, then twice as long each time, up to 1 s (a read costs a few milliseconds). */
export const RECHECK_FIRST_MS = 250;
export const RECHECK_MAX_MS = 1_000;

/**
 * Whether this device can start Fieldbook with no network, from what the service worker has
 * stored in Cache Storage (never from a timer): read at start, whenever the worker reports a
 * version event or the network returns, and at growing intervals while not ready.
 */
export const OfflineReadinessStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withProps(() => ({ _cache: inject(OfflineCache), _router: inject(Router) })),
  withComputed((store) => ({
    supported: computed(() => store._cache.supported),
    message: computed(() =>
      offlineReadinessMessage({
        supported: store._cache.supported && store.checked(),
        ready: store.ready(),
        online: store.online(),
      }),
    ),
  })),
  withMethods((store) => ({
    _followConnection: rxMethod<void>(
      switchMap(() =>
        merge(fromEvent(window, 'online'), fromEvent(window, 'offline')).pipe(
          tap((event) => {
            const online = event.type === 'online';
            patchState(store, { online });
            if (online) void store._cache.registerIfMissing();
          }),
        ),
      ),
    ),
    /** Once the first screen is shown, the rest of the app downloads side by side (see `OfflineCache.warm`). */
    _warmAfterFirstScreen: rxMethod<void>(
      switchMap(() =>
        store._router.events.pipe(
          filter((event) => event instanceof NavigationEnd),
          take(1),
          filter(() => !store.ready()),
          tap(() => void store._cache.warm()),
        ),
      ),
    ),
    _followCache: rxMethod<void>(
      switchMap(() =>
        store._cache.changes().pipe(
          startWith(null),
          switchMap(() => readUntilReady(() => store._cache.state())),
          // Unknown for a moment (the worker between two writes): keep what was last read.
          tap((state) => patchState(store, state ? { ...state, checked: true } : { checked: true })),
        ),
      ),
    ),
  })),
  withHooks({
    onInit(store) {
      patchState(store, { online: navigator.onLine });
      if (!store._cache.supported) return;
      store._followConnection();
      store._followCache();
      store._warmAfterFirstScreen();
    },
  }),
);

function readUntilReady(read: () => Promise<AppCacheState | null>): Observable<AppCacheState | null> {
  return defer(() => read().catch(() => null)).pipe(
    repeat({ delay: (count) => timer(Math.min(RECHECK_FIRST_MS * 2 ** (count - 1), RECHECK_MAX_MS)) }),
    takeWhile((state) => state?.ready !== true, true),
  );
}
