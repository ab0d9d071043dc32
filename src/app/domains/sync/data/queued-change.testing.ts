/**
 * Writes a row into DataStore's outbox directly, in its MutationEvent shape: in specs no sync engine
 * runs to queue (or send) a change.
 */
export function queueChangeOf(model: string, modelId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('amplify-datastore');
    open.onsuccess = () => {
      const tx = open.result.transaction('sync_MutationEvent', 'readwrite');
      tx.objectStore('sync_MutationEvent').put({
        id: `queued-${modelId}`,
        model,
        modelId,
        operation: 'Update',
        data: '{}',
      });
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

/**
 * Gives every row of `models` a version and a server time, as if the server had answered for it:
 * in specs no sync engine runs, and a record never answered is one this device made.
 */
export function answerAll(models: readonly string[], lastChangedAt: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('amplify-datastore');
    open.onsuccess = () => {
      const stores = models.map((model) => `user_${model}`);
      const tx = open.result.transaction(stores, 'readwrite');
      for (const name of stores) {
        const store = tx.objectStore(name);
        const cursor = store.openCursor();
        cursor.onsuccess = () => {
          const at = cursor.result;
          if (!at) return;
          at.update({ ...at.value, _version: 1, _lastChangedAt: lastChangedAt });
          at.continue();
        };
      }
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}
