import { Injectable } from '@angular/core';

import { METADATA_STORE, SETTINGS_STORE, userStore } from '../../shared/data/datastore-layout';
import { queuedMutationsInSendingOrder, readDataStoreStore } from '../../shared/data/datastore-store';
import { type OutboxEntry, type QueuedCounts, userChanges } from '../util/outbox-entry';

export { DATASTORE_DB } from '../../shared/data/datastore-store';
export { type OutboxEntry } from '../util/outbox-entry';

/**
 * Reads DataStore's own sync bookkeeping, read-only. DataStore has no public API for its outbox,
 * and counting Hub events cannot be right: queued mutations for one record are merged into one
 * entry, dropped mutations send no event, and a reload starts with whatever is still queued.
 * The outbox store itself is the truth.
 */
@Injectable({ providedIn: 'root' })
export class SyncStorageReader {
  /**
   * Changes saved on this device that the server has not acknowledged yet, as the user counts
   * them: the history entry written with each change is not a change of its own.
   */
  async pendingCount(): Promise<number> {
    return (await this.queuedCounts()).changes;
  }

  /** The pending count and, for "everything synced", every entry still queued. */
  async queuedCounts(): Promise<QueuedCounts> {
    const entries = await this.outboxEntries();
    return { changes: userChanges(entries).length, entries: entries.length };
  }

  /** When each model last finished syncing with the server (server time, epoch ms). */
  async lastSyncTimes(): Promise<Readonly<Record<string, number>>> {
    const rows = await readDataStoreStore<{ model?: string; lastSync?: number | null }[]>(
      METADATA_STORE,
      (store) => store.getAll(),
      [],
    );
    return Object.fromEntries(
      rows.filter((row) => row.model && typeof row.lastSync === 'number').map((row) => [row.model, row.lastSync]),
    );
  }

  /** How many records of each of `models` the device's store holds (DataStore keeps no deleted ones). */
  async recordCounts(models: readonly string[]): Promise<Readonly<Record<string, number>>> {
    const counts = await Promise.all(
      models.map((model) => readDataStoreStore<number>(userStore(model), (store) => store.count(), 0)),
    );
    return Object.fromEntries(models.map((model, index) => [model, counts[index] ?? 0]));
  }

  /** Every queued mutation, in the order DataStore sends them: the first is the one it is sending. */
  outboxEntries(): Promise<readonly OutboxEntry[]> {
    return queuedMutationsInSendingOrder<OutboxEntry>();
  }

  /** The models version the local database was written with; DataStore wipes it when this changes. */
  async storedModelsVersion(): Promise<string | null> {
    const rows = await readDataStoreStore<{ key?: string; value?: string }[]>(
      SETTINGS_STORE,
      (store) => store.getAll(),
      [],
    );
    const stored = rows.find((row) => row.key === 'schemaVersion')?.value;
    try {
      return typeof stored === 'string' ? (JSON.parse(stored) as string) : null;
    } catch {
      return null;
    }
  }
}
