import { Hub } from 'aws-amplify/utils';

import { type SyncEngineHost } from '../domains/sync/api';
import { resolveBackend } from './backend-config';
import { configureAmplify } from './configure-amplify';

/**
 * Runs once before the first screen renders: find the backend, then take this tab's part in the
 * device's one sync engine (SyncEngineHost). Local reads and writes work from here on whether or
 * not the backend is reachable; the leader's DataStore keeps retrying sync in the background.
 */
export async function startSync(host: SyncEngineHost, origin = globalThis.location.origin): Promise<void> {
  const backend = await resolveBackend(origin, (url) => fetch(url, { cache: 'no-cache' }));
  markDataStoreReady();
  await host.start(() => configureAmplify(backend, origin), backend.endpoint);
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
