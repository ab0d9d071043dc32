// Types only: Node tests hand in DataStore's CommonJS build, which must not meet a second copy.
import type {
  ModelInstanceMetadata,
  OpType,
  PersistentModel,
  PersistentModelConstructor,
  StorageAdapter,
} from '@aws-amplify/datastore';

/** The parts of DataStore's IndexedDBAdapter (5.1.13) this adapter builds on; none are public API. */
interface IndexedDbAdapterInternals extends StorageAdapter {
  db: IdbDatabase;
  checkPrivate(): Promise<void>;
  canonicalKeyPath(keyValues: string[]): IDBValidKey;
  getStorenameForModel(modelConstructor: PersistentModelConstructor<PersistentModel>): string;
  getIndexKeyValuesFromModel(model: PersistentModel): string[];
  modelInstanceCreator(
    modelConstructor: PersistentModelConstructor<PersistentModel>,
    init: ModelInstanceMetadata,
  ): PersistentModel;
}

/** The `idb` wrappers DataStore opens its database with. */
interface IdbDatabase {
  transaction(
    store: string,
    mode: 'readwrite',
  ): {
    store: {
      index(name: 'byPk'): { getKey(key: IDBValidKey): Promise<IDBValidKey | undefined> };
      put(value: unknown, key?: IDBValidKey): Promise<IDBValidKey>;
      delete(key: IDBValidKey): Promise<void>;
    };
    done: Promise<void>;
  };
}

type Constructor<T> = new () => T;
type SaveResult = [PersistentModel, OpType][];
const INSERT = 'INSERT' as OpType.INSERT;
const UPDATE = 'UPDATE' as OpType.UPDATE;
const DELETE = 'DELETE' as OpType.DELETE;

/**
 * DataStore's IndexedDB adapter, faster where a sync spends its time, on the same database: the
 * same stores, keys and indexes, so a device keeps its data and its queued changes when it moves
 * to this adapter or back.
 * - A sync page (`batchSave`) is written in one transaction with every lookup and write issued at
 *   once; the stock adapter waits for each record's key lookup, then its write, record by record.
 * - The private-browsing probe (an IndexedDB database opened and deleted) runs once, not before
 *   every read and write.
 * `stock` is DataStore's own adapter instance, whose class this extends (the app's ES build or the
 * CommonJS one in Node tests).
 */
export function fieldbookStorageAdapter(stock: StorageAdapter): StorageAdapter {
  const Base = stock.constructor as Constructor<IndexedDbAdapterInternals>;

  class FieldbookIndexedDbAdapter extends Base {
    private privateCheck: Promise<void> | undefined;

    override checkPrivate(): Promise<void> {
      this.privateCheck ??= super.checkPrivate();
      return this.privateCheck;
    }

    override async batchSave<T extends PersistentModel>(
      modelConstructor: PersistentModelConstructor<T>,
      items: ModelInstanceMetadata[],
    ): Promise<[T, OpType][]> {
      await this.checkPrivate();
      const constructor = modelConstructor as unknown as PersistentModelConstructor<PersistentModel>;
      const records = items.map((item) => {
        const model = this.modelInstanceCreator(constructor, item);
        const keyValues = this.getIndexKeyValuesFromModel(model);
        // What the stock adapter stores: a copy made by the model's own copyOf (validated, normalised).
        const instance = modelConstructor.copyOf(model as T, () => undefined) as PersistentModel;
        return { item, instance, keyPath: this.canonicalKeyPath(keyValues), id: JSON.stringify(keyValues) };
      });
      // DataStore's merger hands over one version per record (mergePage keeps the latest). Two copies
      // of one new record written at once would be stored twice, so such a page takes the stock path.
      if (records.length === 0 || new Set(records.map((r) => r.id)).size < records.length) {
        return super.batchSave(modelConstructor, items);
      }
      const txn = this.db.transaction(this.getStorenameForModel(constructor), 'readwrite');
      const { store } = txn;
      const index = store.index('byPk');
      // Every lookup in flight at once, then every write: one round of IndexedDB requests per page.
      const keys = await Promise.all(records.map((record) => index.getKey(record.keyPath)));
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
