/**
 * Deliberately broken evictions for the fuzz's oracles (server/fuzz/broken-clients.ts), each the
 * opposite of one promise of the app's ScopeEviction (sync/data/scope-eviction.ts):
 * - `never`: the device keeps whatever leaves its scope (no eviction, no ghost sweep);
 * - `queued`: a record that leaves with a change queued goes at once, its change with it;
 * - `deletes`: a record that leaves is deleted through DataStore, so the delete reaches the server
 *   (no ghost sweep either, which would take it first after a full sync).
 */
import type { EvictedRecord } from '../../src/app/domains/sync/data/scope-eviction-store.ts';
import type { OutboxEntry } from '../../src/app/domains/sync/util/outbox-entry.ts';
import { inScope, type SyncScope } from '../../src/app/domains/sync/util/sync-scope.ts';

export const EVICTION_BREAKS = ['never', 'queued', 'deletes'] as const;
export type EvictionBreak = (typeof EVICTION_BREAKS)[number];

type Fields = Record<string, unknown>;

/** Whether the device still runs the app's ghost sweep (sync/data/ghost-sweep.ts). */
export const sweepsGhosts = (kind: EvictionBreak | undefined): boolean => kind !== 'never' && kind !== 'deletes';

export interface BrokenEvictionPorts {
  readonly database: string;
  /** The crew-scoped models the fuzz writes. */
  readonly models: readonly string[];
  query(model: string): Promise<Fields[]>;
  delete(model: string, record: Fields): Promise<void>;
  evicted(records: readonly EvictedRecord[]): void;
}

const outside = (scope: SyncScope, record: Fields) => !inScope(scope, record['crewGroup']);

/** What the broken device does on entering `scope`, before (or instead of) the app's eviction. */
export async function breakEviction(kind: EvictionBreak, scope: SyncScope, ports: BrokenEvictionPorts): Promise<void> {
  if (kind === 'queued') await dropQueued(ports.database, (entry) => outside(scope, JSON.parse(entry.data) as Fields));
  if (kind !== 'deletes') return;
  for (const model of ports.models) {
    for (const record of (await ports.query(model)).filter((found) => outside(scope, found))) {
      await ports.delete(model, record);
      ports.evicted([{ model, id: String(record['id']), fields: record }]);
    }
  }
}

/** Deletes the outbox entries `drop` picks (the store is keyed by an autoincrement, so they are found by value). */
function dropQueued(database: string, drop: (entry: OutboxEntry) => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(database);
    open.onerror = () => reject(open.error ?? new Error('cannot open the device database'));
    open.onsuccess = () => {
      const db = open.result;
      const cursor = db.transaction('sync_MutationEvent', 'readwrite').objectStore('sync_MutationEvent').openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) {
          db.close();
          return resolve();
        }
        if (drop(at.value as OutboxEntry)) at.delete();
        at.continue();
      };
      cursor.onerror = () => {
        db.close();
        reject(cursor.error ?? new Error('cannot drop queued changes'));
      };
    };
  });
}
