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
  // Not awaited: in a browser start() resolves once local storage is ready, and sync runs on.
  startDataStore().catch((error: unknown) => console.error('DataStore could not start', error));
}
