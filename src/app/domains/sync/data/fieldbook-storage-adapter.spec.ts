import { DataStore } from '@aws-amplify/datastore';
import stockIndexedDbAdapter from '@aws-amplify/datastore/dist/esm/storage/adapter/IndexedDBAdapter.mjs';

import { Job, JobPriority, JobStatus, Site } from '../../../../models';
import { JOB_DUE_DATE_INDEX } from '../../shared/data/stored-records';
import {
  FIELDBOOK_DB_VERSION,
  fieldbookStorageAdapter,
  OUTBOX_MODEL_ID_INDEX,
  OUTBOX_STORE,
} from './fieldbook-storage-adapter';
import { DATASTORE_DB } from './sync-storage-reader';

/** DataStore's storage facade: a sync page goes through `batchSave`, as the sync engine's merger calls it. */
interface StorageInternals {
  storage: { batchSave(model: unknown, items: Record<string, unknown>[]): Promise<unknown> };
}

function openDeviceStore(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATASTORE_DB);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('cannot open the device store'));
  });
}

/** A record as a sync page brings it (fields and sync metadata). */
function synced(id: string, name: string): Record<string, unknown> {
  return { id, name, _version: 1, _lastChangedAt: Date.now(), _deleted: null };
}

describe("the app's storage adapter", () => {
  let transaction: jasmine.Spy<IDBDatabase['transaction']>;
  let indexGet: jasmine.Spy<IDBIndex['get']>;

  /** Options of every readwrite transaction on a user_ store, and its durability. */
  function userWrites(): { options: IDBTransactionOptions | undefined; durability: string }[] {
    return transaction.calls
      .all()
      .filter((call) => (call.object as IDBDatabase).name === DATASTORE_DB && call.args[1] === 'readwrite')
      .filter((call) => Array.from(call.returnValue.objectStoreNames).some((store) => store.startsWith('user_')))
      .map((call) => ({ options: call.args[2], durability: call.returnValue.durability }));
  }

  /** Reads of one record by key outside a write: what DataStore.observe did per record and subscription. */
  function readsBack(): number {
    return indexGet.calls.all().filter((call) => (call.object as IDBIndex).objectStore.transaction.mode === 'readonly')
      .length;
  }

  beforeAll(async () => {
    // Whatever adapter earlier specs left DataStore on lets go of the database first.
    await DataStore.clear();
    DataStore.configure({ storageAdapter: fieldbookStorageAdapter(stockIndexedDbAdapter) });
  });

  afterAll(async () => {
    await DataStore.clear();
    DataStore.configure({ storageAdapter: stockIndexedDbAdapter });
  });

  beforeEach(async () => {
    await DataStore.clear();
    transaction = spyOn(IDBDatabase.prototype, 'transaction').and.callThrough();
    indexGet = spyOn(IDBIndex.prototype, 'get').and.callThrough();
  });

  it('creates the device store at its own version, with the outbox indexed by modelId and jobs by due date', async () => {
    await DataStore.save(new Site({ name: 'Depot' }));

    const db = await openDeviceStore();
    try {
      expect(db.version).toBe(FIELDBOOK_DB_VERSION);
      const outbox = db.transaction(OUTBOX_STORE).objectStore(OUTBOX_STORE);
      expect(Array.from(outbox.indexNames)).toContain(OUTBOX_MODEL_ID_INDEX);
      expect(outbox.index(OUTBOX_MODEL_ID_INDEX).keyPath).toEqual(['modelId']);
      const jobs = db.transaction('user_Job').objectStore('user_Job');
      expect(jobs.index(JOB_DUE_DATE_INDEX).keyPath).toBe('dueDate');
    } finally {
      db.close();
    }
  });

  // The only guard of strict durability: DataStore's own adapter writes everything relaxed.
  it('writes a save and a delete strictly, and a sync page relaxed', async () => {
    const site = await DataStore.save(new Site({ name: 'Depot' }));
    await DataStore.save(Site.copyOf(site, (draft) => void (draft.name = 'Depot 2')));
    await DataStore.delete(site);
    const ownWrites = userWrites();
    expect(ownWrites.length).toBeGreaterThanOrEqual(3);
    for (const write of ownWrites) {
      expect(write.options?.durability).toBe('strict');
      expect(write.durability).toBe('strict');
    }
    transaction.calls.reset();

    await (DataStore as unknown as StorageInternals).storage.batchSave(Site, [
      synced('s-1', 'North yard'),
      synced('s-2', 'South yard'),
    ]);

    const pageWrites = userWrites();
    expect(pageWrites.length).toBe(1);
    expect(pageWrites[0]?.durability).toBe('relaxed');
    expect((await DataStore.query(Site)).map((s) => s.name).sort()).toEqual(['North yard', 'South yard']);
  });

  it('stores a synced job whose site the server answered null with its key to the site', async () => {
    // AppSync answers a parent it cannot find, or may not show, with null: the job keeps its site.
    expect(await DataStore.query(Job)).toEqual([]);
    const job = {
      ...synced('j-1', ''),
      name: undefined,
      siteID: 's-gone',
      site: null,
      title: 'Pumps',
      status: JobStatus.OPEN,
      priority: JobPriority.NORMAL,
    };

    await (DataStore as unknown as StorageInternals).storage.batchSave(Job, [
      job,
      { ...synced('j-2', ''), ...job, id: 'j-2' },
    ]);

    expect((await DataStore.query(Job)).map((stored) => [stored.id, stored.siteID])).toEqual([
      ['j-1', 's-gone'],
      ['j-2', 's-gone'],
    ]);
  });

  // Guards patches D1 and D2 (patches/LEDGER.md: DataStore.observe, StorageClass.batchSave): without
  // them DataStore.observe reads every saved or synced record back once per subscription.
  it('hands DataStore.observe the records as stored, without reading them back', async () => {
    const messages: { element: Site }[] = [];
    const subscription = DataStore.observe(Site).subscribe((message) => messages.push(message));
    const received = (count: number) =>
      new Promise<void>((resolve) => {
        const poll = () => (messages.length >= count ? resolve() : setTimeout(poll, 10));
        poll();
      });
    try {
      // Once the first message is in, the subscription is live (it attaches asynchronously).
      const site = await DataStore.save(new Site({ name: 'Depot' }));
      await received(1);
      indexGet.calls.reset();

      await (DataStore as unknown as StorageInternals).storage.batchSave(Site, [
        synced('s-1', 'North yard'),
        synced('s-2', 'South yard'),
      ]);
      await received(3);
      expect(readsBack()).withContext('synced records read back for observers').toBe(0);

      await DataStore.save(Site.copyOf(site, (draft) => void (draft.name = 'Depot 2')));
      await received(4);
      // DataStore.save itself reads the saved record once, to return it.
      expect(readsBack()).withContext('saved record read back').toBeLessThanOrEqual(1);

      expect(messages.map((m) => m.element.name)).toEqual(['Depot', 'North yard', 'South yard', 'Depot 2']);
      expect(messages[3]?.element.id).toBe(site.id);
    } finally {
      subscription.unsubscribe();
    }
  });
});
