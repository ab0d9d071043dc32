// Types only: Node tests hand in DataStore's CommonJS build, which must not meet a second copy.
import type {
  ModelInstanceMetadata,
  ModelPredicate,
  OpType,
  PersistentModel,
  PersistentModelConstructor,
  StorageAdapter,
} from '@aws-amplify/datastore';
// The IndexedDB wrapper DataStore itself depends on and opens its database with (the same copy).
import { openDB } from 'idb';

import { modelOfStore, OUTBOX_STORE, userStore } from '../../shared/data/datastore-layout';
import { JOB_DUE_DATE_INDEX } from '../../shared/data/stored-records';
import { keepingParentKeys, type ModelFields } from '../util/parent-keys';

/**
 * The database layout version this adapter opens: DataStore's own layout (3), plus an index on the
 * outbox's `modelId` (4) and one on the jobs' due date (5). IndexedDB never opens a database at a
 * lower version than it has, so once a device has run this adapter, DataStore's own adapter (which
 * asks for 3) can no longer open its store: going back to it means clearing the device's data
 * (DataStore.clear()), queued changes too.
 */
export const FIELDBOOK_DB_VERSION = 5;
const STOCK_DB_VERSION = 3;
export { OUTBOX_STORE };
/**
 * Named and shaped the way DataStore names an index on one field (`indexNameFromKeys`, a one-field
 * array key path), so its own predicate queries find it: enqueue, merge and dequeue look up the
 * outbox by `modelId`, which without it reads the whole outbox each time.
 */
export const OUTBOX_MODEL_ID_INDEX = 'modelId';

interface Store {
  index(name: string): Index;
  getAllKeys(query?: IDBKeyRange, count?: number): Promise<IDBValidKey[]>;
  put(value: unknown, key?: IDBValidKey): Promise<IDBValidKey>;
  delete(key: IDBValidKey): Promise<void>;
  createIndex(name: string, keyPath: string | string[], options?: IDBIndexParameters): unknown;
  indexNames: DOMStringList;
}

interface Index {
  get(key: IDBValidKey): Promise<unknown>;
  getKey(key: IDBValidKey): Promise<IDBValidKey | undefined>;
}

interface Transaction {
  store: Store;
  objectStore(name: string): Store;
  objectStoreNames: DOMStringList;
  done: Promise<void>;
}

/** The `idb` wrappers DataStore opens its database with. */
interface IdbDatabase {
  transaction(stores: string | string[], mode: IDBTransactionMode, options?: IDBTransactionOptions): Transaction;
  close(): void;
}

interface SaveTarget {
  storeName: string;
  item: PersistentModel;
  instance: PersistentModel;
  keys: string[];
}

/** The parts of DataStore's IndexedDBAdapter (5.1.13) this adapter builds on; none are public API. */
interface IndexedDbAdapterInternals extends StorageAdapter {
  db: IdbDatabase;
  dbName: string;
  schema: { namespaces: Record<string, { models: Record<string, unknown> }> };
  initDb(): Promise<IdbDatabase>;
  checkPrivate(): Promise<void>;
  canonicalKeyPath(keyValues: string[]): IDBValidKey;
  getStorenameForModel(modelConstructor: PersistentModelConstructor<PersistentModel>): string;
  getIndexKeyValuesFromModel(model: PersistentModel): string[];
  modelInstanceCreator(
    modelConstructor: PersistentModelConstructor<PersistentModel>,
    init: ModelInstanceMetadata,
  ): PersistentModel;
  createObjectStoreForModel(db: unknown, namespaceName: string, storeName: string, modelName: string): unknown;
  saveMetadata(model: PersistentModel): {
    storeName: string;
    connectionStoreNames: SaveTarget[];
    modelKeyValues: string[];
  };
  validateSaveCondition(condition: ModelPredicate<PersistentModel> | undefined, fromDB: unknown): void;
  deleteItem(deleteQueue: { storeName: string; items: (PersistentModel | string)[] }[]): Promise<void>;
  baseQueryIndex(storeName: string, predicates: unknown, transaction?: unknown): Promise<unknown>;
}

type Constructor<T> = new () => T;

/**
 * Told after an outbox entry left the outbox (answered, refused, or merged into a later one): a
 * record kept past its scope for that change may go now (`ScopeEviction.recheck`).
 */
export interface OutboxWatch {
  onOutboxDeleted: (() => void) | undefined;
  /** Told of the ids each sync page brings, and of every other record written: see GhostSweep. */
  onSyncPage: ((model: string, ids: readonly string[], intoEmptyStore: boolean) => void) | undefined;
  onWrite: ((model: string, id: string) => void) | undefined;
}

export type FieldbookStorageAdapter = StorageAdapter & OutboxWatch;
type SaveResult = [PersistentModel, OpType][];
const INSERT = 'INSERT' as OpType.INSERT;
const UPDATE = 'UPDATE' as OpType.UPDATE;
const DELETE = 'DELETE' as OpType.DELETE;

/**
 * A user's change, its outbox entry and the sync metadata must survive power loss, not only a closed
 * tab (Chromium's default is relaxed); a sync page can be fetched again, so it is written relaxed.
 * DataStore's own adapter asks for neither, so this adapter's `save` and `deleteItem` are the only
 * place a write is made strict.
 */
const STRICT: IDBTransactionOptions = { durability: 'strict' };
const RELAXED: IDBTransactionOptions = { durability: 'relaxed' };

/**
 * DataStore's IndexedDB adapter, faster where a sync, a save and the outbox spend their time, on the
 * same database: the same stores, keys and indexes (plus one, see FIELDBOOK_DB_VERSION), so a device
 * keeps its data and its queued changes when it moves to this adapter.
 * - A sync page (`batchSave`) is written in one relaxed transaction with every lookup and write
 *   issued at once; the stock adapter waits for each record's key lookup, then its write.
 * - `save` issues its read and key lookup together (the stock one makes four requests in a row), and
 *   a delete looks up every key at once and returns once the transaction is committed.
 * - The outbox has a `modelId` index.
 * - The private-browsing probe (an IndexedDB database opened and deleted) runs once, not before
 *   every read and write.
 * `stock` is DataStore's own adapter instance, whose class this extends (the app's ES build or the
 * CommonJS one in Node tests).
 */
export function fieldbookStorageAdapter(stock: StorageAdapter): FieldbookStorageAdapter {
  const Base = stock.constructor as Constructor<IndexedDbAdapterInternals>;

  class FieldbookIndexedDbAdapter extends Base implements OutboxWatch {
    private privateCheck: Promise<void> | undefined;
    onOutboxDeleted: (() => void) | undefined;
    onSyncPage: ((model: string, ids: readonly string[], intoEmptyStore: boolean) => void) | undefined;
    onWrite: ((model: string, id: string) => void) | undefined;

    override checkPrivate(): Promise<void> {
      this.privateCheck ??= super.checkPrivate();
      return this.privateCheck;
    }

    /**
     * Opens (creating or upgrading) the database at FIELDBOOK_DB_VERSION. A database DataStore's
     * adapter created (version 3) or an earlier version of this one gains the missing indexes in
     * place, queued changes and all; one from before DataStore's layout 3 is first migrated by
     * DataStore's own upgrade.
     */
    override async initDb(): Promise<IdbDatabase> {
      let olderThanStock = false;
      const open = () =>
        openDB(this.dbName, FIELDBOOK_DB_VERSION, {
          upgrade: (db, oldVersion, _newVersion, txn) => {
            if (oldVersion > 0 && oldVersion < STOCK_DB_VERSION) {
              olderThanStock = true;
              txn.abort();
              return;
            }
            if (oldVersion === 0) this.createStores(db);
            const stores = Array.from(txn.objectStoreNames);
            if (stores.includes(OUTBOX_STORE))
              addIndex(txn.objectStore(OUTBOX_STORE) as unknown as Store, OUTBOX_INDEX);
            if (stores.includes(JOB_STORE)) addIndex(txn.objectStore(JOB_STORE) as unknown as Store, DUE_DATE_INDEX);
          },
        }) as unknown as Promise<IdbDatabase>;
      try {
        return await open();
      } catch (error) {
        if (!olderThanStock) throw error;
      }
      (await super.initDb()).close();
      return open();
    }

    /** Every model's store, as DataStore's adapter creates them for a new database. */
    private createStores(db: unknown): void {
      for (const [namespaceName, namespace] of Object.entries(this.schema.namespaces)) {
        for (const modelName of Object.keys(namespace.models)) {
          this.createObjectStoreForModel(db, namespaceName, `${namespaceName}_${modelName}`, modelName);
        }
      }
    }

    /**
     * The stock adapter opens a transaction here only to read the store's index names, then waits for
     * it to finish: a round trip for nothing before every predicate query (the outbox's lookups by
     * modelId on each save, dequeue and merge). Handing it a transaction skips that wait; the queries
     * it plans open their own.
     */
    override baseQueryIndex(storeName: string, predicates: unknown, transaction?: unknown): Promise<unknown> {
      return super.baseQueryIndex(storeName, predicates, transaction ?? this.db.transaction(storeName, 'readonly'));
    }

    override async save<T extends PersistentModel>(
      model: T,
      condition?: ModelPredicate<T>,
    ): Promise<[T, OpType.INSERT | OpType.UPDATE][]> {
      await this.checkPrivate();
      const { storeName, connectionStoreNames, modelKeyValues } = this.saveMetadata(model);
      const written = modelOfStore(storeName);
      if (written) this.onWrite?.(written, String(model['id']));
      // DataStore 5 saves one record per call (relations are stored as foreign keys, and its
      // traverseModel returns the record alone); anything else takes the stock path, which is relaxed:
      // the spec's strict check fails if a DataStore upgrade sends a user's save down it.
      const [target, ...others] = connectionStoreNames;
      if (!target || others.length > 0 || target.storeName !== storeName) return super.save(model, condition);
      const tx = this.db.transaction(storeName, 'readwrite', STRICT);
      const index = tx.store.index('byPk');
      const keyPath = this.canonicalKeyPath(modelKeyValues);
      const [fromDB, key] = await Promise.all([index.get(keyPath), index.getKey(keyPath)]);
      this.validateSaveCondition(condition as ModelPredicate<PersistentModel> | undefined, fromDB);
      await Promise.all([tx.store.put(target.item, key), tx.done]);
      return [[target.instance as T, fromDB ? UPDATE : INSERT]];
    }

    override async deleteItem(deleteQueue: { storeName: string; items: (PersistentModel | string)[] }[]) {
      const tx = this.db.transaction(
        deleteQueue.map(({ storeName }) => storeName),
        'readwrite',
        STRICT,
      );
      const deletes: Promise<void>[] = [];
      await Promise.all(
        deleteQueue.map(async ({ storeName, items }) => {
          const store = tx.objectStore(storeName);
          const index = store.index('byPk');
          const keys = await Promise.all(
            items
              .filter((item) => item)
              .map((item) =>
                index.getKey(
                  typeof item === 'object'
                    ? this.canonicalKeyPath(this.getIndexKeyValuesFromModel(item))
                    : String(item),
                ),
              ),
          );
          for (const key of keys) if (key !== undefined) deletes.push(store.delete(key));
        }),
      );
      // Committed, not only requested: the stock adapter returns after the last request.
      await Promise.all([...deletes, tx.done]);
      if (deleteQueue.some(({ storeName }) => storeName === OUTBOX_STORE)) this.onOutboxDeleted?.();
    }

    override async batchSave<T extends PersistentModel>(
      modelConstructor: PersistentModelConstructor<T>,
      page: ModelInstanceMetadata[],
    ): Promise<[T, OpType][]> {
      await this.checkPrivate();
      const constructor = modelConstructor as unknown as PersistentModelConstructor<PersistentModel>;
      const definition = this.schema.namespaces['user']?.models[constructor.name] as ModelFields | undefined;
      const items = page.map((item) => keepingParentKeys(definition, item));
      const records = items.map((item) => {
        const model = this.modelInstanceCreator(constructor, item);
        const keyValues = this.getIndexKeyValuesFromModel(model);
        // What the stock adapter stores: a copy made by the model's own copyOf (validated, normalised).
        const instance = modelConstructor.copyOf(model as T, () => undefined) as PersistentModel;
        return { item, instance, keyPath: this.canonicalKeyPath(keyValues), id: JSON.stringify(keyValues) };
      });
      const seen = (intoEmptyStore: boolean) =>
        this.onSyncPage?.(
          constructor.name,
          records.map(({ item }) => String((item as { id?: unknown }).id)),
          intoEmptyStore,
        );
      // DataStore's merger hands over one version per record (mergePage keeps the latest). Two copies
      // of one new record written at once would be stored twice, so such a page takes the stock path.
      if (records.length === 0 || new Set(records.map((r) => r.id)).size < records.length) {
        seen(false);
        return super.batchSave(modelConstructor, items);
      }
      const txn = this.db.transaction(this.getStorenameForModel(constructor), 'readwrite', RELAXED);
      const { store } = txn;
      const index = store.index('byPk');
      // Every lookup in flight at once, then every write: one round of IndexedDB requests per page.
      // A first sync writes into an empty store, where no record has a key to look up.
      const empty = (await store.getAllKeys(undefined, 1)).length === 0;
      seen(empty);
      const keys = empty
        ? records.map(() => undefined)
        : await Promise.all(records.map((record) => index.getKey(record.keyPath)));
      const result: SaveResult = [];
      const writes: Promise<unknown>[] = [];
      records.forEach(({ item, instance }, i) => {
        const key = keys[i];
        if (item._deleted) {
          result.push([item as unknown as PersistentModel, DELETE]);
          if (key !== undefined) writes.push(store.delete(key));
        } else {
          result.push([instance, key === undefined ? INSERT : UPDATE]);
          writes.push(key === undefined ? store.put(instance) : store.put(instance, key));
        }
      });
      // A failed write (storage full) aborts the transaction: none of the page is kept, and the sync
      // engine fetches it again.
      await Promise.all([...writes, txn.done]);
      return result as [T, OpType][];
    }
  }

  return new FieldbookIndexedDbAdapter();
}

interface IndexDefinition {
  readonly name: string;
  readonly keyPath: string | string[];
}

const OUTBOX_INDEX: IndexDefinition = { name: OUTBOX_MODEL_ID_INDEX, keyPath: [OUTBOX_MODEL_ID_INDEX] };
/** DataStore's store of jobs; absent with other models (Node tests run other schemas). */
const JOB_STORE = userStore('Job');
/**
 * The jobs list's first page in its default order (by due date) is read from this index before
 * every job is (`readFirstStoredRecords`). Not named as DataStore names an index, so its own query
 * planning never picks it. A job without a due date is not in it (null is no IndexedDB key).
 */
const DUE_DATE_INDEX: IndexDefinition = { name: JOB_DUE_DATE_INDEX, keyPath: 'dueDate' };

function addIndex(store: Store, { name, keyPath }: IndexDefinition): void {
  if (!store.indexNames.contains(name)) store.createIndex(name, keyPath, { unique: false });
}
