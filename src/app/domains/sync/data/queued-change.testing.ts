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
