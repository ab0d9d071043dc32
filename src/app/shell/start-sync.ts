import { Hub } from 'aws-amplify/utils';

import { type AccountSession } from '../domains/account/api';
import { type SyncEngineHost } from '../domains/sync/api';
import { resolveBackend } from './backend-config';
import { configureAmplify } from './configure-amplify';

/**
 * Runs once before the first screen renders: find the backend, read who is signed in from the
 * tokens kept on the device (no network needed), then take this tab's part in the device's one
 * sync engine (SyncEngineHost). Local reads and writes work from here on whether or not the
 * backend is reachable; the leader's DataStore keeps retrying sync in the background. On an API
 * whose default mode is the user pool, the sync engine starts only once someone is signed in, and
 * syncs what that person's crews hold.
 */
export async function startSync(
  host: SyncEngineHost,
  account: AccountSession,
  origin = globalThis.location.origin,
): Promise<void> {
  const backend = await resolveBackend(origin, (url) => fetch(url, { cache: 'no-cache' }));
  markDataStoreReady();
  const userPool = backend.userPool;
  if (userPool) configureAmplify(backend, origin, { api: false });
  await account.restore(userPool !== undefined);
  const connect = async () => {
    // The leader may be another tab than the one someone signed in on: read the device's session again.
    await account.restore(userPool !== undefined);
    configureAmplify(backend, origin, {
      api: !userPool?.apiDefault || account.maySync(),
      beforeRequest: () => account.beforeApiRequest(),
    });
    return account.syncScope();
  };
  await host.start(connect, backend.endpoint);
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
