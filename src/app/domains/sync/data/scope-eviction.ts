import { openDataStoreDatabase } from '../../shared/data/datastore-store';
import { inScope, narrows, type SyncScope, WHOLE_SCOPE, widens } from '../util/sync-scope';
import { type HandedOverRecord, handedOverRecords, isStray, versionOf } from './handed-over-records';
import {
  type EvictedRecord,
  evictRecords,
  forgetLastSyncs,
  keepLastSyncs,
  type KeepRecord,
  queuedRecordIds,
  type RecordRef,
} from './scope-eviction-store';
import { storedSyncPredicate } from './scope-sync-expressions';

/** The model whose records tell a crew's devices that a record left their scope. */
export const HANDOVER_MODEL = 'Handover';

const refKey = ({ model, id }: RecordRef): string => `${model}:${id}`;

/**
 * The models whose records the device's own work after a move takes to the new crew: a job (any
 * member of its crew may update it), a note or a photo record (its owner may). History entries are
 * written once and never updated; the old crew's are left on the server to the office.
 */
const FOLLOW_THEIR_PARENT = new Set(['Job', 'FieldNote', 'Attachment']);

interface Remembered {
  readonly scope: SyncScope;
  readonly held: boolean;
  /** This device's own work under handed-over records, to take to the new crew (`model:id`). */
  readonly strays?: readonly string[];
}

/** The scope the device last synced with, and whether records outside it still wait on a change. */
export interface ScopeMemory {
  read(): Remembered | null;
  write(remembered: Remembered): void;
}

/** A record of this device's own, made on a record moved to another crew after the move. */
export type StrayRecord = HandedOverRecord;

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
  /**
   * Saves each record with the scope of the crew its handover names (`toCrewID`): this device's
   * own work that reached the server in the old crew's scope after the move. Its old crew may
   * still update it there, so the server admits the change; once answered the record leaves.
   */
  readonly rescope?: (records: readonly StrayRecord[]) => Promise<void>;
  /** Whether this device created the record (shared/data/made-here.ts): only its maker moves it. */
  readonly madeHere?: (model: string, id: string) => boolean;
  /** The Cognito group of a crew's members (crews' `crewGroupOf`): a handed-over record's new group. */
  readonly groupOf: (crewID: string) => string;
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
  private own: Set<string> | null = null;
  /**
   * Own records moved to their new crew here, with the version they had: until the answer is merged
   * (a newer version) the device's copy already shows the new crew, yet an eviction before the merge
   * would see the record come back with it.
   */
  private readonly moved = new Map<string, number>();
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
        const strays = this.ownStrays().size > 0;
        await this.evict(db, this.held);
        // An answered create of this device's own, under a handed-over record: now it can be moved.
        if (strays) await this.handleHandovers(db);
      } finally {
        db.close();
      }
    });
  }

  /**
   * Evicts the records a handover names, with everything on them (handed-over-records.ts): AppSync
   * never tells this device they left its scope, but it sends the handover. One with a change
   * still queued is held, and goes once that change is answered out of the device's scope. The
   * device's own work on them after the move (a job or a note made offline, which reached the
   * server in the old crew's scope) is moved to the new crew first, then goes the same way.
   */
  evictHandedOver(): Promise<void> {
    return this.serially(async () => {
      const db = await openDataStoreDatabase(this.ports.database);
      if (!db) return;
      try {
        await this.handleHandovers(db);
      } finally {
        db.close();
      }
    });
  }

  private async handleHandovers(db: IDBDatabase): Promise<void> {
    const records = await handedOverRecords(db, this.ports.models);
    const queued = await queuedRecordIds(db);
    const strays = records.filter(isStray);
    const own = this.ownStrays();
    const present = new Set(strays.map(refKey));
    for (const ref of own) if (!present.has(ref)) own.delete(ref);
    // Made on this device (never answered yet, or noted when made). Work of another device, synced
    // in in the old scope, is left to that device, which hears of the same handover.
    for (const stray of strays)
      if (!stray.answered || this.ports.madeHere?.(stray.model, stray.id)) own.add(refKey(stray));
    const ownStray = (record: HandedOverRecord) => isStray(record) && own.has(refKey(record));
    const mine = strays.filter((stray) => ownStray(stray) && FOLLOW_THEIR_PARENT.has(stray.model));
    const moving = mine.filter((stray) => stray.answered && !queued.has(stray.id));
    if (moving.length > 0 && this.ports.rescope) {
      await this.ports.rescope(moving);
      for (const stray of moving) this.moved.set(refKey(stray), stray.version);
    }
    for (const stray of mine) this.handedOver.add(refKey(stray));
    // What they are on stays until they have gone: a note's job tells which site it was on.
    const carrying = new Set(mine.map((stray) => stray.parent));
    const going = records.filter(
      (record) =>
        !mine.includes(record) &&
        !carrying.has(refKey(record)) &&
        !this.awaitsAnswer(record.model, record.id, record.version) &&
        (((record.stale || ownStray(record)) && !this.holdsWhereItWent(record)) ||
          !inScope(this.scope, record.crewGroup)),
    );
    const ids = new Set(going.map(refKey));
    const waiting = [...this.held, ...mine.map(({ model, id }) => ({ model, id }))].filter(
      (ref) => !ids.has(refKey(ref)),
    );
    const before = [...new Map(waiting.map((ref) => [refKey(ref), ref])).values()];
    if (going.length === 0) {
      this.remember(before);
      return;
    }
    const held = await this.evict(
      db,
      going.map(({ model, id }) => ({ model, id })),
      (model, record) => !ids.has(refKey({ model, id: String(record['id']) })),
      before,
    );
    for (const ref of held) this.handedOver.add(refKey(ref));
  }

  /**
   * Whether the crew a record was handed to is in this device's scope too (the office's, which holds
   * every crew's; a member of both crews): its copy here is out of date, not out of scope.
   */
  private holdsWhereItWent(record: HandedOverRecord): boolean {
    return inScope(this.scope, record.toCrewID ? this.ports.groupOf(record.toCrewID) : null);
  }

  /** Whether a record moved here to its new crew still waits for that move's answer. */
  private awaitsAnswer(model: string, id: string, version: number): boolean {
    return version <= (this.moved.get(refKey({ model, id })) ?? -1);
  }

  /** This device's own work under handed-over records, remembered across reloads. */
  private ownStrays(): Set<string> {
    this.own ??= new Set(this.ports.memory.read()?.strays ?? []);
    return this.own;
  }

  private async evict(
    db: IDBDatabase,
    only?: readonly RecordRef[],
    keep: KeepRecord = (model, record) =>
      this.awaitsAnswer(model, String(record['id']), versionOf(record)) || inScope(this.scope, record['crewGroup']),
    alsoHeld: readonly RecordRef[] = [],
  ): Promise<readonly RecordRef[]> {
    const needed = (await this.ports.stillNeeded?.()) ?? (() => false);
    const { evicted, held } = await evictRecords(db, this.ports.models, keep, needed, only);
    for (const ref of evicted) {
      this.handedOver.delete(refKey(ref));
      this.moved.delete(refKey(ref));
    }
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
    this.ports.memory.write({ scope: this.scope, held: held.length > 0, strays: [...this.ownStrays()] });
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.work.then(run, run);
    this.work = next.catch(() => undefined);
    return next;
  }
}
