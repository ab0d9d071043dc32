import { schema } from '../../../../models/schema';
import { DATASTORE_DB, SETTINGS_STORE, userStore } from './datastore-layout';

type ModelName = keyof typeof schema.models;

/**
 * The Job store's index by due date, which the app's storage adapter adds (database version 5): the
 * jobs list reads its first page from it (readFirstStoredRecords) before every job.
 */
export const JOB_DUE_DATE_INDEX = 'fieldbookDueDate';

/**
 * Every record of a model as this device stores it, read straight from DataStore's IndexedDB store,
 * as plain objects in the store's order. DataStore stores each record as the model instance it
 * built (every field present, null when unset), so once JSON fields are parsed as DataStore parses
 * them on reading, these carry the same fields and values as `DataStore.query` returns; what is
 * skipped is building an instance per record (immer drafts, patches, field validation): for 10,000
 * jobs ~1.4 s of the ~1.8 s a query of every job takes, which the jobs list waited for before its
 * first card (bench/README.md). For lists that only show records: anything that edits a record
 * reads it through DataStore.
 *
 * It needs no started DataStore, only a store written with this app's models (read in the same
 * transaction): otherwise DataStore clears it when it starts. Resolves undefined when the store
 * cannot be read this way (no database yet, other models, or it is being replaced): read through
 * DataStore then.
 */
export function readStoredRecords<T>(model: ModelName): Promise<T[] | undefined> {
  return readStore(model, (store, done) => {
    const records = store.getAll();
    records.onsuccess = () => done(records.result);
  });
}

/**
 * The records of a model that come first in the order of one of its store's indexes: the first
 * `count`, and every other record with the same key as the last of them, so that a sort which breaks
 * ties in memory puts the same records first as it would among all of them. Records the index does
 * not hold are not read. Undefined as for readStoredRecords, and when the store has no such index.
 */
export function readFirstStoredRecords<T>(
  model: ModelName,
  indexName: string,
  count: number,
): Promise<T[] | undefined> {
  return readStore(model, (store, done) => {
    if (!store.indexNames.contains(indexName)) return done(undefined);
    const index = store.index(indexName);
    const first = index.getAll(null, count);
    first.onsuccess = () => {
      const last = first.result.at(-1) as Record<string, unknown> | undefined;
      const lastKey = last ? keyOf(last, index.keyPath) : undefined;
      if (first.result.length < count || lastKey === undefined) return done(first.result);
      const upToLastKey = index.getAll(IDBKeyRange.upperBound(lastKey));
      upToLastKey.onsuccess = () => done(upToLastKey.result);
    };
  });
}

/**
 * Reads a model's store with `read`, which calls `done` with its records (or undefined), in one
 * transaction with DataStore's settings, so the records are known to be this app's models.
 */
function readStore<T>(
  model: ModelName,
  read: (store: IDBObjectStore, done: (records: unknown[] | undefined) => void) => void,
): Promise<T[] | undefined> {
  const parse = jsonFieldsParser(model);
  return new Promise((resolve) => {
    const open = indexedDB.open(DATASTORE_DB);
    // No database yet: never create one here (DataStore creates it with its own layout).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(undefined);
    open.onblocked = () => resolve(undefined);
    open.onsuccess = () => {
      const db = open.result;
      // DataStore.clear() or an upgrade must never wait for this connection.
      db.onversionchange = () => db.close();
      const storeName = userStore(model);
      if (!db.objectStoreNames.contains(storeName) || !db.objectStoreNames.contains(SETTINGS_STORE)) {
        db.close();
        resolve(undefined);
        return;
      }
      const tx = db.transaction([SETTINGS_STORE, storeName], 'readonly');
      const settings = tx.objectStore(SETTINGS_STORE).getAll();
      let records: unknown[] | undefined;
      read(tx.objectStore(storeName), (result) => (records = result));
      tx.oncomplete = () => {
        db.close();
        const rows = settings.result as { key?: string; value?: string }[];
        const version = rows.find((row) => row.key === 'schemaVersion')?.value;
        if (version !== JSON.stringify(schema.version) || !records) resolve(undefined);
        else resolve((records as Record<string, unknown>[]).map(parse) as T[]);
      };
      tx.onabort = () => {
        db.close();
        resolve(undefined);
      };
    };
  });
}

/** A record's key in an index with a one-field key path, as IndexedDB holds it. */
function keyOf(record: Record<string, unknown>, keyPath: string | string[]): IDBValidKey | undefined {
  const value = typeof keyPath === 'string' ? record[keyPath] : keyPath.map((field) => record[field]);
  return value === null || value === undefined ? undefined : (value as IDBValidKey);
}

/**
 * DataStore stores a JSON field (AWSJSON, a list, an embedded type) as the model held it, which may
 * be the string it was given, and parses a string on reading (`castInstanceType`): so does this, in
 * place (each record is a fresh copy IndexedDB just made).
 */
function jsonFieldsParser(model: ModelName): (record: Record<string, unknown>) => Record<string, unknown> {
  const names = Object.values(schema.models[model].fields)
    .filter((field) => !field.association && !(typeof field.type === 'object' && 'model' in field.type))
    .filter((field) => field.isArray || field.type === 'AWSJSON' || typeof field.type === 'object')
    .map((field) => field.name);
  return (record) => {
    for (const name of names) {
      const value = record[name];
      if (typeof value !== 'string') continue;
      try {
        record[name] = JSON.parse(value);
      } catch {
        // DataStore keeps a value that is not JSON as it is.
      }
    }
    return record;
  };
}
