import { inject, Injectable } from '@angular/core';
import { SwUpdate } from '@angular/service-worker';
import { EMPTY, fromEvent, merge, type Observable } from 'rxjs';

import { SERVICE_WORKER_SCRIPT } from '../util/service-worker-script';
import { storedAppFiles } from './stored-app-files';

/** Whether Fieldbook would start on this device with no network, and how far the worker got. */
export interface AppCacheState {
  readonly ready: boolean;
  readonly stored: number;
  readonly total: number;
}

const NOTHING_STORED: AppCacheState = { ready: false, stored: 0, total: 0 };

/** Past the worker, should it control the page already (a later visit, an update). */
const BYPASS = { 'ngsw-bypass': 'true' };

/** The service worker's copy of the app, read from Cache Storage (see `storedAppFiles`). */
@Injectable({ providedIn: 'root' })
export class OfflineCache {
  private readonly updates = inject(SwUpdate, { optional: true });
  /** False in a development build and in a browser without service workers. */
  readonly supported = this.updates?.isEnabled === true && typeof caches !== 'undefined';

  /** Moments the copy may have changed: a version event of the worker, a new controller, the network back. */
  changes(): Observable<unknown> {
    if (!this.supported || !this.updates) return EMPTY;
    return merge(
      this.updates.versionUpdates,
      fromEvent(navigator.serviceWorker, 'controllerchange'),
      fromEvent(window, 'online'),
    );
  }

  /**
   * null when the worker's control table names no version it describes: before the first one is
   * chosen, or for a moment while the worker writes a new "latest" and its manifest (two entries,
   * written side by side, not in one step).
   */
  async state(): Promise<AppCacheState | null> {
    if (!this.supported) return NOTHING_STORED;
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration?.active) return NOTHING_STORED;
    const driver = await driverState(registration.scope);
    if (driver === 'SAFE_MODE' || driver === 'EXISTING_CLIENTS_ONLY') await this.startAgain();
    if (driver === 'SAFE_MODE') return NOTHING_STORED;
    const files = await storedAppFiles(caches, registration.scope);
    if (!files) {
      // A worker (re)started by the browser reads the manifest on its first fetch or message, and
      // this page may send it none: the sync's requests pass it by. Its own message asks it to.
      if (navigator.onLine) registration.active.postMessage({ action: 'INITIALIZE' });
      return null;
    }
    const { stored, total } = files;
    // A worker that failed to store a version serves no page it does not already control.
    const ready = total > 0 && stored === total && (driver === null || driver === 'NORMAL');
    return { ready, stored, total };
  }

  /**
   * Fetches, side by side, the files of the server's version this page has not loaded, into the
   * browser's HTTP cache. Angular's worker stores a version one file after another, a round trip
   * each (150 ms on a slow mobile link, ~40 files); the hashed files are served as immutable, so
   * its requests are then answered from the HTTP cache. Called once the first screen is shown: the
   * shell and the first route first, the rest after.
   */
  async warm(): Promise<void> {
    if (!this.supported || !navigator.onLine) return;
    try {
      const manifestUrl = new URL('ngsw.json', document.baseURI);
      const manifest = (await (await fetch(manifestUrl, { headers: BYPASS, cache: 'no-cache' })).json()) as {
        assetGroups?: { urls?: string[] }[];
      };
      const loaded = new Set(performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
      const rest = (manifest.assetGroups ?? []).flatMap((group) => group.urls ?? []).filter((url) => !loaded.has(url));
      await Promise.all(
        rest.map((url) =>
          fetch(new URL(url, manifestUrl), { headers: BYPASS })
            .then((response) => response.arrayBuffer())
            .catch(() => undefined),
        ),
      );
    } catch {
      // Only a head start: the worker fetches whatever is missing itself.
    }
  }

  /**
   * Registers the worker when no registration exists: Angular registers once per page load, and
   * that fails when the connection drops before it, so "reconnect for a moment" would not help
   * until the next visit.
   */
  async registerIfMissing(): Promise<void> {
    if (!this.supported || !navigator.onLine) return;
    if (await navigator.serviceWorker.getRegistration()) return;
    await navigator.serviceWorker.register(SERVICE_WORKER_SCRIPT).catch(() => undefined);
  }

  /**
   * Angular's worker reads the app's manifest when it first starts; without a network at that
   * moment it falls into safe mode, where it stores nothing and serves nothing, for as long as the
   * browser keeps it running (the page's own requests keep it so). Registering the same script
   * hands back the same worker, even after `unregister()`, so the script gets a query of its own:
   * the browser installs a new worker from it, which tries again. The next page load registers the
   * plain script, a new worker once more, which finds what this one stored. A worker that failed
   * to store a file of its version (the connection dropped during the first visit) is degraded:
   * it serves only pages it already controls and fetches nothing again until the browser restarts
   * it, so it is started again the same way.
   */
  private async startAgain(): Promise<void> {
    if (!navigator.onLine) return;
    await navigator.serviceWorker.register(`${SERVICE_WORKER_SCRIPT}?start=${Date.now()}`).catch(() => undefined);
  }
}

type DriverState = 'NORMAL' | 'EXISTING_CLIENTS_ONLY' | 'SAFE_MODE';

/** The worker's own account of itself (its debug page); null when this page is not controlled by it yet. */
async function driverState(scope: string): Promise<DriverState | null> {
  if (!navigator.serviceWorker.controller) return null;
  try {
    const page = await (await fetch(new URL('ngsw/state', scope))).text();
    return (/^Driver state: (\w+)/m.exec(page)?.[1] as DriverState | undefined) ?? null;
  } catch {
    return null;
  }
}
