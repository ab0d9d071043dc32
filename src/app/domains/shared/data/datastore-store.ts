/** DataStore's IndexedDB database. */
export const DATASTORE_DB = 'amplify-datastore';

/**
 * Reads one of DataStore's own stores, read-only (`fallback` when it cannot be read). Connections
 * are closed at once so DataStore.clear() and schema upgrades are never blocked.
 */
export function readDataStoreStore<T>(
  storeName: string,
  query: (store: IDBObjectStore) => IDBRequest,
  fallback: T,
): Promise<T> {
  return new Promise((resolve) => {
    const open = indexedDB.open(DATASTORE_DB);
    // No database yet: never create one here (DataStore must create it with its own schema).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(fallback);
    open.onblocked = () => resolve(fallback);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains(storeName)) {
        db.close();
        resolve(fallback);
        return;
      }
      const request = query(db.transaction(storeName, 'readonly').objectStore(storeName));
      request.onsuccess = () => {
        db.close();
        resolve(request.result as T);
      };
      request.onerror = () => {
        db.close();
        resolve(fallback);
      };
    };
  });
}
