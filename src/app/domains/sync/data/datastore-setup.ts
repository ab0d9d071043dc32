import { DataStore, type DataStoreConfig } from '@aws-amplify/datastore';
import stockIndexedDbAdapter from '@aws-amplify/datastore/dist/esm/storage/adapter/IndexedDBAdapter.mjs';

import * as models from '../../../../models';
import { schema } from '../../../../models/schema';
import { type SyncScope, WHOLE_SCOPE } from '../util/sync-scope';
import { fieldbookStorageAdapter } from './fieldbook-storage-adapter';
import { scopeSyncExpressions } from './scope-sync-expressions';

export type ConflictHandler = NonNullable<DataStoreConfig['conflictHandler']>;
export type ErrorHandler = NonNullable<DataStoreConfig['errorHandler']>;

export interface DataStoreHandlers {
  readonly conflictHandler?: ConflictHandler;
  readonly errorHandler?: ErrorHandler;
}

/**
 * A site can hold tens of thousands of jobs; DataStore's default cap of 10,000 records per model
 * per sync would silently leave the rest on the server.
 */
export const MAX_RECORDS_TO_SYNC = 1_000_000;
/**
 * Records per sync page. DataStore merges a page in one IndexedDB transaction and then notifies
 * observers, so fewer, larger pages cut a first sync of 10,000 jobs from ~19 s to ~12 s (bench/).
 * A page of 10,000 bench jobs is ~7 MB of JSON; a page that fails is fetched again whole.
 */
export const SYNC_PAGE_SIZE = 10_000;

/** One adapter for the page: DataStore keeps its open database on the adapter instance. */
const storageAdapter = fieldbookStorageAdapter(stockIndexedDbAdapter);

/**
 * Without a GraphQL API in Amplify's configuration (a follower tab), DataStore runs without sync.
 * The scope's sync expressions take effect at the next start; DataStore keeps expressions it was
 * once given unless handed others, so the whole scope is handed over as none.
 */
export function configureDataStore(handlers: DataStoreHandlers = {}, scope: SyncScope = WHOLE_SCOPE): void {
  DataStore.configure({
    storageAdapter,
    maxRecordsToSync: MAX_RECORDS_TO_SYNC,
    syncPageSize: SYNC_PAGE_SIZE,
    syncExpressions: scopeSyncExpressions(models, schema, scope),
    ...handlers,
  });
}

/** The app's storage adapter, which evicts what leaves the device's scope. */
export function deviceStorage(): typeof storageAdapter {
  return storageAdapter;
}

export function startDataStore(): Promise<void> {
  return DataStore.start();
}

/** Stops the sync engine, waiting for requests in flight; local reads and writes start it again. */
export function stopDataStore(): Promise<void> {
  return DataStore.stop();
}

export function clearLocalData(): Promise<void> {
  return DataStore.clear();
}
