import { TestBed } from '@angular/core/testing';
import { DataStore } from '@aws-amplify/datastore';

import { clearLocalData } from './datastore-setup';
import { DATASTORE_DB, SyncStorageReader } from './sync-storage-reader';

/**
 * DataStore creates its database (all stores, its own layout) on start. A sync engine that cannot
 * reach a server keeps retrying and makes DataStore.stop()/clear() hang, so the outbox rows are
 * written here in DataStore's MutationEvent shape rather than by a live sync engine.
 */
/** Writes to one of DataStore's stores directly, in one transaction. */
function inStore(store: string, write: (objects: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DATASTORE_DB);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(store, 'readwrite');
      write(tx.objectStore(store));
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

const putRows = (store: string, rows: readonly object[]) =>
  inStore(store, (objects) => rows.forEach((row) => objects.put(row)));
const deleteRows = (store: string, keys: readonly IDBValidKey[]) =>
  inStore(store, (objects) => keys.forEach((key) => objects.delete(key)));

function mutationEvent(id: string, modelId: string) {
  return { id, model: 'Site', modelId, operation: 'Update', data: '{}', condition: '{}' };
}

describe('SyncStorageReader (DataStore’s own IndexedDB database)', () => {
  let reader: SyncStorageReader;

  beforeEach(async () => {
    await clearLocalData();
    reader = TestBed.inject(SyncStorageReader);
  });

  afterEach(async () => {
    await clearLocalData();
  });

  it('counts the entries in DataStore’s outbox', async () => {
    await DataStore.start();
    expect(await reader.pendingCount()).toBe(0);

    await putRows('sync_MutationEvent', [mutationEvent('m1', 'site-a'), mutationEvent('m2', 'site-b')]);

    expect(await reader.pendingCount()).toBe(2);
  });

  it('lists the outbox in the order DataStore sends it: an entry saved again goes to the back', async () => {
    await DataStore.start();
    // Saved again with its id (the version an answer brought): a new key, behind later entries.
    await putRows('sync_MutationEvent', [mutationEvent('01-job', 'job-a'), mutationEvent('02-site', 'site-b')]);
    await deleteRows('sync_MutationEvent', [1]);
    await putRows('sync_MutationEvent', [mutationEvent('01-job', 'job-a')]);

    expect((await reader.outboxEntries()).map((entry) => entry.modelId)).toEqual(['site-b', 'job-a']);
  });

  it('reads the last sync time DataStore recorded for each model', async () => {
    await DataStore.start();
    await putRows('sync_ModelMetadata', [
      { id: 'x1', namespace: 'user', model: 'Site', lastSync: 1_700_000_000_000, lastFullSync: 1_700_000_000_000 },
      { id: 'x2', namespace: 'user', model: 'Job', lastSync: null, lastFullSync: null },
    ]);

    expect(await reader.lastSyncTimes()).toEqual({ Site: 1_700_000_000_000 });
  });

  it('never blocks DataStore from clearing its database', async () => {
    await DataStore.start();
    await reader.pendingCount();

    await clearLocalData();

    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(DATASTORE_DB);
  });

  it('reads nothing, and creates nothing, before DataStore has a database', async () => {
    expect(await reader.pendingCount()).toBe(0);
    expect(await reader.lastSyncTimes()).toEqual({});
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(DATASTORE_DB);
  });
});
