/**
 * Removes records that left the device's scope from DataStore's database, on the device only: the
 * rows are deleted from their stores directly, so DataStore's storage hears nothing, queues no
 * server delete and publishes no deletion. A record with an outbox entry is kept (its change has
 * still to be answered); the outbox itself is never touched.
 */

/** A record of a crew-scoped store, as it was when it left the device. */
export interface EvictedRecord {
  readonly model: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface RecordRef {
  readonly model: string;
  readonly id: string;
}

export interface EvictionResult {
  readonly evicted: readonly EvictedRecord[];
  /** Outside the scope, but with a change still queued: evicted once it is answered. */
  readonly held: readonly RecordRef[];
}

/** Whether a stored record of `model` stays on the device. */
export type KeepRecord = (model: string, record: Readonly<Record<string, unknown>>) => boolean;

const OUTBOX = 'sync_MutationEvent';
const METADATA = 'sync_ModelMetadata';
const storeOf = (model: string) => `user_${model}`;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(txn: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    txn.oncomplete = () => resolve();
    txn.onabort = () => reject(txn.error ?? new Error('IndexedDB transaction aborted'));
    txn.onerror = () => reject(txn.error ?? new Error('IndexedDB transaction failed'));
  });
}

/**
 * One strict transaction over the outbox and the models' stores: the outbox cannot gain an entry
 * between the check and the delete. A record `keep` refuses is held instead when it has an outbox
 * entry or `hold` wants it. `only` narrows it to some records (those held before).
 */
export async function evictRecords(
  db: IDBDatabase,
  models: readonly string[],
  keep: KeepRecord,
  hold: KeepRecord,
  only?: readonly RecordRef[],
): Promise<EvictionResult> {
  const present = models.filter((model) => db.objectStoreNames.contains(storeOf(model)));
  if (present.length === 0 || !db.objectStoreNames.contains(OUTBOX)) return { evicted: [], held: [] };
  const txn = db.transaction([OUTBOX, ...present.map(storeOf)], 'readwrite', { durability: 'strict' });
  const finished = committed(txn);
  const queued = new Set(
    (await done(txn.objectStore(OUTBOX).getAll())).map((entry: { modelId?: unknown }) => String(entry.modelId)),
  );
  const evicted: EvictedRecord[] = [];
  const held: RecordRef[] = [];
  await Promise.all(
    present.map(async (model) => {
      const store = txn.objectStore(storeOf(model));
      const wanted = only?.filter((ref) => ref.model === model).map((ref) => ref.id);
      if (wanted?.length === 0) return;
      // Values and keys in the same key order, read in the same transaction.
      const [records, keys] = await Promise.all([done(store.getAll()), done(store.getAllKeys())]);
      records.forEach((record: Record<string, unknown>, i) => {
        const id = String(record['id']);
        if ((wanted && !wanted.includes(id)) || keep(model, record)) return;
        if (queued.has(id) || hold(model, record)) {
          held.push({ model, id });
          return;
        }
        const key = keys[i];
        if (key === undefined) return;
        evicted.push({ model, id, fields: { ...record } });
        store.delete(key);
      });
    }),
  );
  await finished;
  return { evicted, held };
}

/** The ids of the records with a change in the outbox. */
export async function queuedRecordIds(db: IDBDatabase): Promise<Set<string>> {
  if (!db.objectStoreNames.contains(OUTBOX)) return new Set();
  const entries = await done(db.transaction(OUTBOX, 'readonly').objectStore(OUTBOX).getAll());
  return new Set(entries.map((entry: { modelId?: unknown }) => String(entry.modelId)));
}

/**
 * The next sync of every model is a full one: a wider scope's records changed before the last
 * sync would never come in a delta sync. Only the times are cleared; the sync expression each
 * model was last synced with stays, for DataStore to compare.
 */
export function forgetLastSyncs(db: IDBDatabase): Promise<void> {
  return rewriteMetadata(db, (row) => ({ ...row, lastSync: null, lastFullSync: null }));
}

type MetadataRow = Readonly<Record<string, unknown>>;

async function rewriteMetadata(db: IDBDatabase, rewrite: (row: MetadataRow) => MetadataRow | null): Promise<void> {
  if (!db.objectStoreNames.contains(METADATA)) return;
  const txn = db.transaction(METADATA, 'readwrite', { durability: 'strict' });
  const finished = committed(txn);
  const store = txn.objectStore(METADATA);
  const [rows, keys] = await Promise.all([done(store.getAll()), done(store.getAllKeys())]);
  rows.forEach((row: MetadataRow, i) => {
    const next = rewrite(row);
    if (next) store.put(next, keys[i]);
  });
  await finished;
}

/**
 * Records, for each model, the sync expression the next start runs with, as DataStore itself
 * serialises it (`lastSyncPredicate`: ModelPredicateCreator.getPredicates of the expression):
 * DataStore starts over with a full sync whenever that changes, and a narrower scope's records are
 * already on the device. `predicate` null: no expression.
 */
export function keepLastSyncs(
  db: IDBDatabase,
  models: readonly string[],
  predicate: Readonly<Record<string, unknown>> | null,
): Promise<void> {
  const serialised = predicate === null ? null : JSON.stringify(predicate);
  return rewriteMetadata(db, (row) =>
    row['namespace'] === 'user' && models.includes(String(row['model']))
      ? { ...row, lastSyncPredicate: serialised }
      : null,
  );
}
