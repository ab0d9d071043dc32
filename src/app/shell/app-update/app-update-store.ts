import { computed, effect, inject, InjectionToken, type Signal } from '@angular/core';
import { SwUpdate, type VersionReadyEvent } from '@angular/service-worker';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { filter, switchMap, tap } from 'rxjs';

import { schema } from '../../../models/schema';

/** How many changes are saved on this device but not yet on the server. */
export const PENDING_CHANGE_COUNT = new InjectionToken<Signal<number>>('pending change count');

/** Reloads the page into the new version; a seam so specs can observe it. */
export const RELOAD_PAGE = new InjectionToken<() => void>('reload page', {
  providedIn: 'root',
  factory: () => () => globalThis.location.reload(),
});

interface AppUpdateState {
  readonly readyModelsVersion: string | null;
  readonly ready: boolean;
  readonly requested: boolean;
  readonly error: string | null;
}

const initialState: AppUpdateState = { readyModelsVersion: null, ready: false, requested: false, error: null };

/**
 * Offers a new app version when the service worker has it, and never applies one that would make
 * DataStore wipe the local database (its models changed) while changes are waiting to sync: the
 * update then waits until the outbox is empty.
 */
export const AppUpdateStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withProps(() => ({
    _swUpdate: inject(SwUpdate),
    _pendingChanges: inject(PENDING_CHANGE_COUNT),
    _reload: inject(RELOAD_PAGE),
  })),
  withComputed((store) => ({
    pendingChanges: computed(() => store._pendingChanges()),
    wipesLocalData: computed(() => store.ready() && store.readyModelsVersion() !== schema.version),
  })),
  withComputed((store) => ({
    waitingForSync: computed(() => store.wipesLocalData() && store.pendingChanges() > 0),
  })),
  withMethods((store) => ({
    requestUpdate(): void {
      patchState(store, { requested: true });
    },
    async _apply(): Promise<void> {
      try {
        await store._swUpdate.activateUpdate();
        store._reload();
      } catch (error) {
        patchState(store, { requested: false, error: `The update could not be installed: ${String(error)}` });
      }
    },
    _watchVersions: rxMethod<void>(
      switchMap(() =>
        store._swUpdate.versionUpdates.pipe(
          filter((event): event is VersionReadyEvent => event.type === 'VERSION_READY'),
          tap((event) =>
            patchState(store, { ready: true, readyModelsVersion: modelsVersionOf(event.latestVersion.appData) }),
          ),
        ),
      ),
    ),
  })),
  withHooks({
    onInit(store) {
      if (store._swUpdate.isEnabled) store._watchVersions();
      effect(() => {
        if (store.requested() && store.ready() && !store.waitingForSync()) void store._apply();
      });
    },
  }),
);

function modelsVersionOf(appData: object | undefined): string | null {
  const version = (appData as { modelsVersion?: unknown } | undefined)?.modelsVersion;
  return typeof version === 'string' ? version : null;
}
