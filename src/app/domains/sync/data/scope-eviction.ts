import { openDataStoreDatabase } from '../../shared/data/datastore-store';
import { inScope, narrows, type SyncScope, WHOLE_SCOPE, widens } from '../util/sync-scope';
import { handedOverRecords } from './handed-over-records';
import {
  type EvictedRecord,
  evictRecords,
  forgetLastSyncs,
  keepLastSyncs,
  type KeepRecord,
  type RecordRef,
} from './scope-eviction-store';
import { storedSyncPredicate } from './scope-sync-expressions';

/** The model whose records tell a crew's devices that a record left their scope. */
export const HANDOVER_MODEL = 'Handover';

const refKey = ({ model, id }: RecordRef): string => `${model}:${id}`;

/** The scope the device last synced with, and whether records outside it still wait on a change. */
export interface ScopeMemory {
  read(): { readonly scope: SyncScope; readonly held: boolean } | null;
  write(remembered: { readonly scope: SyncScope; readonly held: boolean }): void;
}

export interface ScopeEvictionPorts {
  /** DataStore's database name. */
  readonly database: string;
  /** The models whose records carry a crew. */
  readonly models: readonly string[];
  readonly memory: ScopeMemory;
  /** Told of every record evicted (never of a deletion). */
  readonly evicted: (records: readonly EvictedRecord[]) => void;
  /**
   * Asked before each eviction: records still needed on the device beyond their queued changes
   * (a photo whose bytes wait to upload), held like them until a later recheck.
   */
  readonly stillNeeded?: () => Promise<KeepRecord>;
}

/**
 * Keeps the device's records to its scope (framework-free: the app's sync leader and the Node
 * tests' devices run it). `enter` runs while the sync engine is stopped, before it starts on a new
 * scope: a wider scope makes the next sync a full one, a narrower one evicts what left it. A
 * record that left with a change still queued is evicted by `recheck` once that change is answered.
 */
export class ScopeEviction {
  private scope: SyncScope = WHOLE_SCOPE;
  private held: readonly RecordRef[] = [];
  /** Held records a handover named: kept held until they go, whatever scope their answer brings. */
  private readonly handedOver = new Set<string>();
  private work: Promise<unknown> = Promise.resolve();

  constructor(private readonly ports: ScopeEvictionPorts) {}

  enter(scope: SyncScope): Promise<void> {
    return this.serially(async () => {
      const previous = this.ports.memory.read() ?? { scope: WHOLE_SCOPE, held: false };
      this.scope = scope;
      const db = await openDataStoreDatabase(this.ports.database);
      if (!db) {
        this.remember([]);
        return;
      }
      try {
        // A device from before scopes held everything: it narrows to its crews.
        const wider = widens(previous.scope, scope);
        const narrower = narrows(previous.scope, scope);
        // Wider: what the scope adds changed before the last sync too, so the next sync is a full one.
        // Narrower only: what stays is on the device, so the next sync stays a delta sync.
        if (wider) await forgetLastSyncs(db);
        else if (narrower) await keepLastSyncs(db, this.ports.models, storedSyncPredicate(scope));
        if (narrower || previous.held) await this.evict(db);
        else this.remember(this.held);
      } finally {
        db.close();
      }
    });
  }

  /** Evicts records held for a queued change whose change has since been answered. */
  recheck(): Promise<void> {
    if (this.held.length === 0) return Promise.resolve();
    return this.serially(async () => {
      if (this.held.length === 0) return;
      const db = await openDataStoreDatabase(this.ports.database);
      if (!db) return;
      try {
        await this.evict(db, this.held);
      } finally {
        db.close();
      }
    });
  }

  /**
   * Evicts the records a handover names, with everything on them (handed-over-records.ts): AppSync
   * never tells this device they left its scope, but it sends the handover. One with a change
   * still queued is held, and goes once that change is answered out of the device's scope.
   */
  evictHandedOver(): Promise<void> {
    return this.serially(async () => {
      const db = await openDataStoreDatabase(this.ports.database);
      if (!db) return;
      try {
        const named = await handedOverRecords(db, this.ports.models);
        if (named.length === 0) return;
        const ids = new Set(named.map(refKey));
        const before = this.held.filter((ref) => !ids.has(refKey(ref)));
        const held = await this.evict(
          db,
          named,
          (model, record) => !ids.has(refKey({ model, id: String(record['id']) })),
          before,
        );
        for (const ref of held) this.handedOver.add(refKey(ref));
      } finally {
        db.close();
      }
    });
  }

  private async evict(
    db: IDBDatabase,
    only?: readonly RecordRef[],
    keep: KeepRecord = (model, record) => inScope(this.scope, record['crewGroup']),
    alsoHeld: readonly RecordRef[] = [],
  ): Promise<readonly RecordRef[]> {
    const needed = (await this.ports.stillNeeded?.()) ?? (() => false);
    const { evicted, held } = await evictRecords(db, this.ports.models, keep, needed, only);
    for (const ref of evicted) this.handedOver.delete(refKey(ref));
    // A handed-over record answered with its old crew's scope still has the new one to come (the
    // answer is merged after its entry left the outbox): it stays held until it goes.
    const gone = new Set([...evicted, ...held].map(refKey));
    const waiting = (only ?? []).filter((ref) => this.handedOver.has(refKey(ref)) && !gone.has(refKey(ref)));
    this.remember([...alsoHeld, ...held, ...waiting]);
    if (evicted.length > 0) this.ports.evicted(evicted);
    return held;
  }

  private remember(held: readonly RecordRef[]): void {
    this.held = held;
    this.ports.memory.write({ scope: this.scope, held: held.length > 0 });
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.work.then(run, run);
    this.work = next.catch(() => undefined);
    return next;
  }
}
