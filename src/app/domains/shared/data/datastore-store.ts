import { DATASTORE_DB, OUTBOX_STORE } from './datastore-layout';

export { DATASTORE_DB } from './datastore-layout';

/**
 * Opens DataStore's database as it is, or resolves null where there is none yet or it cannot be
 * opened. Never creates one (DataStore must create it with its own schema); the connection closes
 * itself when another page upgrades or deletes the database.
 */
export function openDataStoreDatabase(name = DATASTORE_DB): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

/**
 * Reads one of DataStore's own stores, read-only (`fallback` when it cannot be read). Connections
 * are closed at once so DataStore.clear() and schema upgrades are never blocked.
 */
export async function readDataStoreStore<T>(
  storeName: string,
  query: (store: IDBObjectStore) => IDBRequest,
  fallback: T,
): Promise<T> {
  const db = await openDataStoreDatabase();
  if (!db) return fallback;
  if (!db.objectStoreNames.contains(storeName)) {
    db.close();
    return fallback;
  }
  return new Promise((resolve) => {
    const request = query(db.transaction(storeName, 'readonly').objectStore(storeName));
    request.onsuccess = () => {
      db.close();
      resolve(request.result as T);
    };
    request.onerror = () => {
      db.close();
      resolve(fallback);
    };
  });
}

/**
 * DataStore's outbox in the order it sends it. Its store is keyed by an auto-increment key, and
 * DataStore sends the entry with the lowest (`queryOne` FIRST): an entry it saves again (merged
 * with a later edit, or given the version the answer to an earlier write brought) goes to the back,
 * whatever its id says. `getAll` reads in that same key order.
 */
export function queuedMutationsInSendingOrder<T>(): Promise<readonly T[]> {
  return readDataStoreStore<T[]>(OUTBOX_STORE, (store) => store.getAll(), []);
}
