import { type EvictedRecord, evictRecords, type KeepRecord } from './scope-eviction-store';

/** The largest sync the sweep trusts to be whole: a sync capped by `maxRecordsToSync` stopped short. */
export interface GhostSweepPorts {
  readonly maxRecords: number;
  /** DataStore's database, opened for one sweep (null: none yet). */
  readonly open: () => Promise<IDBDatabase | null>;
  /** Records outside the device's scope are the scope's to evict, not the sweep's. */
  readonly inScope: KeepRecord;
  readonly swept: (records: readonly EvictedRecord[]) => void;
}

interface ModelRun {
  readonly seen: Set<string>;
  /** Its first page went into an empty store (a first sync): there is nothing to sweep. */
  fresh: boolean;
}

/**
 * What DataStore's `modelSynced` event says of a model's sync. `isComplete`: every page was answered
 * without an error (patches/LEDGER.md D23). A refused page ends the sync as if it were its last, empty,
 * and is told nowhere else.
 */
export interface ModelSync {
  readonly isFullSync?: boolean;
  readonly isComplete?: boolean;
}

/**
 * Records the server no longer has (deleted longer ago than it keeps tombstones, while this device
 * was away): a full sync sends every record the device may hold, so after one, a local record it
 * did not bring, that nothing wrote meanwhile and that has no change queued is a ghost, and leaves
 * the device (stock DataStore keeps it forever). Framework-free: the app's leader and the Node
 * tests' devices run it. Only a sync DataStore reports complete is trusted: one whose page was refused
 * (a token that expired mid-sync) or failed ends as if that page were its last, empty, and the pages
 * after it never came. A model whose sync brought nothing at all is left alone.
 */
export class GhostSweep {
  private models = new Map<string, ModelRun>();
  /** Written since the sync queries began (a local save, a pushed or answered version): not ghosts. */
  private written = new Set<string>();
  private work: Promise<unknown> = Promise.resolve();

  constructor(private readonly ports: GhostSweepPorts) {}

  /** The sync engine starts its sync queries. */
  begin(): void {
    this.models = new Map();
    this.written = new Set();
  }

  /** A record written to the store outside a sync page. */
  wrote(model: string, id: string): void {
    this.written.add(`${model} ${id}`);
  }

  /** Ids a sync page brought (tombstones included). */
  saw(model: string, ids: readonly string[], intoEmptyStore = false): void {
    const run = this.run(model);
    if (run.seen.size === 0 && intoEmptyStore) run.fresh = true;
    for (const id of ids) run.seen.add(id);
  }

  /** DataStore says `model` is synced. Resolves once any sweep is done. */
  synced(model: string, sync: ModelSync): Promise<void> {
    const run = this.models.get(model);
    this.models.delete(model);
    const whole = sync.isFullSync === true && sync.isComplete === true;
    if (!whole || !run || run.fresh || run.seen.size === 0 || run.seen.size >= this.ports.maxRecords) {
      return this.work.then(() => undefined);
    }
    const next = this.work.then(() => this.sweep(model, run.seen));
    this.work = next.catch(() => undefined);
    return next;
  }

  private async sweep(model: string, seen: ReadonlySet<string>): Promise<void> {
    const db = await this.ports.open();
    if (!db) return;
    try {
      const keep: KeepRecord = (name, record) => {
        const id = String(record['id']);
        return seen.has(id) || this.written.has(`${name} ${id}`) || !this.ports.inScope(name, record);
      };
      const { evicted } = await evictRecords(db, [model], keep, () => false);
      if (evicted.length > 0) this.ports.swept(evicted);
    } finally {
      db.close();
    }
  }

  private run(model: string): ModelRun {
    let run = this.models.get(model);
    if (!run) {
      run = { seen: new Set(), fresh: false };
      this.models.set(model, run);
    }
    return run;
  }
}
