/**
 * DataStore's IndexedDB layout, named once for every reader of the database: the database, the
 * stores of its own bookkeeping (namespaces `sync` and `datastore`) and the app's models (namespace
 * `user`, one store `user_<Model>` each). The version and the indexes the app adds are the storage
 * adapter's (fieldbook-storage-adapter.ts), the only code that upgrades the database.
 */
export const DATASTORE_DB = 'amplify-datastore';

/** The outbox (model MutationEvent): one entry per queued change, sent in key order. */
export const OUTBOX_STORE = 'sync_MutationEvent';

/** Per model, when it last synced (`lastSync`, `lastFullSync`) and with which sync expression. */
export const METADATA_STORE = 'sync_ModelMetadata';

/** DataStore's settings; it clears the database on start when `schemaVersion` differs from the app's. */
export const SETTINGS_STORE = 'datastore_Setting';

const USER_STORE_PREFIX = 'user_';

/** The store of an app model's records. */
export const userStore = (model: string): string => `${USER_STORE_PREFIX}${model}`;

/** The app model whose records `storeName` holds; undefined for DataStore's own stores. */
export function modelOfStore(storeName: string): string | undefined {
  return storeName.startsWith(USER_STORE_PREFIX) ? storeName.slice(USER_STORE_PREFIX.length) : undefined;
}
