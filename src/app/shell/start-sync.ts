import { Hub } from 'aws-amplify/utils';

import { configureDataStore, type DataStoreHandlers, startDataStore } from '../domains/sync/data/datastore-setup';
import { resolveBackend } from './backend-config';
import { configureAmplify } from './configure-amplify';

/**
 * Runs once before the first screen renders: find the backend, point Amplify at it and start
 * DataStore. Local reads and writes work from here on whether or not the backend is reachable;
 * DataStore keeps retrying sync in the background.
 */
export async function startSync(handlers: DataStoreHandlers, origin = globalThis.location.origin): Promise<void> {
  const backend = await resolveBackend(origin, (url) => fetch(url, { cache: 'no-cache' }));
  configureAmplify(backend, origin);
  configureDataStore(handlers);
  markDataStoreReady();
  // Not awaited: in a browser start() resolves once local storage is ready, and sync runs on.
  startDataStore().catch((error: unknown) => console.error('DataStore could not start', error));
}

/**
 * User Timing marks for `npm run bench` and DevTools' Performance panel: when DataStore started and
 * when it first reported `ready` (local storage open, subscriptions up, first sync done).
 */
function markDataStoreReady(): void {
  performance.mark('fieldbook:datastore-start');
  const stop = Hub.listen('datastore', ({ payload }) => {
    if (payload.event !== 'ready') return;
    performance.mark('fieldbook:datastore-ready');
    stop();
  });
}
