import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import type { ChangeEvent } from './change-event.ts';
import { migrate } from './migrations.ts';
import type { StoredRecord } from './stored-record.ts';
import { MutationScope, type StagedWrites } from './write-group.ts';

export type { StoredRecord };

export interface ScannedRecord {
  seq: number;
  record: StoredRecord;
}

/**
 * The SQL for a record's field. Field names come from the schema (GraphQL names), checked again here
 * because they are written into the statement: SQLite uses an expression index only for the same text.
 */
function fieldPath(field: string): string {
  if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(field)) throw new Error(`not a field name: ${field}`);
  return `json_extract(data, '$.${field}')`;
}

/** A record's key as stored; its id unless the model's key is another field or has sort key fields (storageKey). */
const idOf = (record: StoredRecord) => String(record['id']);

/**
 * One row per record, JSON as sent, with the metadata in indexed columns. The `id` column holds the
 * record's key (schema/model-keys.ts storageKey), which is its `id` for models keyed by id. `seq` is a global change
 * counter: every write moves the row to the end, so scanning by `seq` yields records in commit
 * order and a paginated sync never skips a record that changes while it pages.
 */
export class SqliteStore {
  private readonly db: Database.Database;
  private lastSeq: number;
  private lastNow = 0;

  constructor(path: string, options: { reset?: boolean } = {}) {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      if (options.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
    this.db = new Database(path);
    // Acknowledged writes must survive a crash or power loss.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    migrate(this.db);
    this.lastSeq = 0;
    this.catchUpSeq();
  }

  private dataVersion = -1;

  /**
   * Another connection (the users command creating a crew while the server runs) may have written
   * records: their `seq` must not be handed out again. SQLite's `data_version` changes only then.
   */
  private catchUpSeq(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    const stored = (this.db.prepare('SELECT MAX(seq) AS s FROM records').get() as { s: number | null }).s ?? 0;
    this.lastSeq = Math.max(this.lastSeq, stored);
  }

  /** The connection, for the stores that keep their own tables in this database (objects, identities). */
  get database(): Database.Database {
    return this.db;
  }

  private readonly statements = new Map<string, Database.Statement>();
  private readonly fieldIndexes = new Set<string>();
  private rows = 0;

  /**
   * How many rows the store has read from its tables since it opened: what a DynamoDB read would be
   * charged for, and how a test tells an index query (one partition) from a scan (the whole model).
   */
  get rowsRead(): number {
    return this.rows;
  }

  private counted<T>(rows: T[]): T[] {
    this.rows += rows.length;
    return rows;
  }
  /** The mutation whose writes are being staged for a group commit, if the caller is one. */
  private readonly scope = new AsyncLocalStorage<MutationScope>();

  /** Prepared once per SQL text: preparing on every call cost more than the query itself on a sync page. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Milliseconds, never going backwards, so a delta sync from `startedAt` misses nothing. */
  now(): number {
    this.lastNow = Math.max(Date.now(), this.lastNow);
    return this.lastNow;
  }

  get(model: string, key: string): StoredRecord | undefined {
    const staged = this.scope.getStore()?.get(model, key);
    if (staged) return staged;
    const row = this.statement('SELECT data FROM records WHERE model = ? AND id = ?').get(model, key) as
      { data: string } | undefined;
    if (row) this.rows++;
    return row ? (JSON.parse(row.data) as StoredRecord) : undefined;
  }

  /** Several records by key in one statement; keys not stored are absent from the result. */
  getMany(model: string, keys: readonly string[]): Map<string, StoredRecord> {
    const found = new Map<string, StoredRecord>();
    if (keys.length === 0) return found;
    const rows = this.counted(
      this.statement('SELECT id, data FROM records WHERE model = ? AND id IN (SELECT value FROM json_each(?))').all(
        model,
        JSON.stringify(keys),
      ) as { id: string; data: string }[],
    );
    for (const row of rows) found.set(row.id, JSON.parse(row.data) as StoredRecord);
    return found;
  }

  /**
   * Inside a group (runInGroup), staged until the group commits; otherwise written at once.
   * `basedOn` is the `_version` the write was sent with, kept beside the version it makes.
   */
  put(model: string, record: StoredRecord, key = idOf(record), basedOn: number | null = null): void {
    const scope = this.scope.getStore();
    if (scope) scope.own.stage(model, key, record, basedOn);
    else {
      this.catchUpSeq();
      this.write(model, key, record, basedOn);
    }
  }

  private write(model: string, key: string, record: StoredRecord, basedOn: number | null): void {
    const data = JSON.stringify(record);
    this.statement(
      `INSERT INTO records (model, id, version, last_changed_at, deleted, seq, data) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (model, id) DO UPDATE SET version = excluded.version, last_changed_at = excluded.last_changed_at,
           deleted = excluded.deleted, seq = excluded.seq, data = excluded.data`,
    ).run(model, key, record._version, record._lastChangedAt, record._deleted ? 1 : 0, ++this.lastSeq, data);
    // Earlier versions let Auto Merge tell which fields changed since the version a device last saw.
    this.statement(
      `INSERT OR REPLACE INTO record_versions (model, id, version, last_changed_at, data, based_on)
         VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(model, key, record._version, record._lastChangedAt, data, basedOn);
  }

  /**
   * Runs one mutation of a group: its reads see the writes staged before it in `group`, its writes
   * and the events it publishes (see `stagedEvents`) are staged, and join the group only if it
   * succeeds. Nothing reaches the database before `commitGroup`.
   */
  async runInGroup<T>(group: StagedWrites, work: () => Promise<T>): Promise<T> {
    const scope = new MutationScope(group);
    const result = await this.scope.run(scope, work);
    group.absorb(scope.own);
    return result;
  }

  /** The events of the mutation being staged, held until its group commits; undefined outside one. */
  stagedEvents(): ChangeEvent[] | undefined {
    return this.scope.getStore()?.own.events;
  }

  /** Every staged write of the group in one transaction: one fsync for all of them. */
  commitGroup(group: StagedWrites): void {
    if (group.writes.length === 0) return;
    this.transaction(() => {
      for (const { model, key, record, basedOn } of group.writes) this.write(model, key, record, basedOn);
    });
  }

  /** The record as it was at `version`, while its history is retained. */
  getVersion(model: string, key: string, version: number): StoredRecord | undefined {
    const staged = this.scope.getStore()?.getVersion(model, key, version);
    if (staged) return staged;
    const row = this.statement('SELECT data FROM record_versions WHERE model = ? AND id = ? AND version = ?').get(
      model,
      key,
      version,
    ) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as StoredRecord) : undefined;
  }

  /** The versions of a record, while its history is retained, made by writes sent with `_version` `basedOn`. */
  versionsBasedOn(model: string, key: string, basedOn: number): number[] {
    const rows = this.statement(
      'SELECT version FROM record_versions WHERE model = ? AND id = ? AND version > ? AND based_on = ?',
    ).all(model, key, basedOn, basedOn) as { version: number }[];
    const staged = this.scope.getStore()?.versionsBasedOn(model, key, basedOn) ?? [];
    return [...new Set([...rows.map((row) => row.version), ...staged])].sort((a, b) => a - b);
  }

  transaction<T>(work: () => T): T {
    // A mutation in a group commits with its group.
    if (this.scope.getStore()) return work();
    this.catchUpSeq();
    const seqBefore = this.lastSeq;
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      this.lastSeq = seqBefore;
      throw error;
    }
  }

  /** Records after `afterSeq` in commit order; only those changed at or after `changedSince` if given. */
  scan(model: string, afterSeq: number, limit: number, changedSince?: number): ScannedRecord[] {
    const rows = (
      changedSince === undefined
        ? this.statement('SELECT seq, data FROM records WHERE model = ? AND seq > ? ORDER BY seq LIMIT ?').all(
            model,
            afterSeq,
            limit,
          )
        : this.statement(
            'SELECT seq, data FROM records WHERE model = ? AND seq > ? AND last_changed_at >= ? ORDER BY seq LIMIT ?',
          ).all(model, afterSeq, changedSince, limit)
    ) as { seq: number; data: string }[];
    return this.counted(rows).map((row) => ({ seq: row.seq, record: JSON.parse(row.data) as StoredRecord }));
  }

  /**
   * An index on one field of the records (the partition key of a schema's `@index`), so that reading
   * the records holding one value of it reads only those rows, as a DynamoDB index query does.
   */
  indexField(field: string): void {
    if (this.fieldIndexes.has(field)) return;
    this.db.exec(`CREATE INDEX IF NOT EXISTS "records_by_field_${field}" ON records (model, ${fieldPath(field)}, seq)`);
    this.fieldIndexes.add(field);
  }

  /**
   * Records whose `field` holds `value` after `afterSeq`, in commit order (only those changed at or
   * after `changedSince` if given): one partition of an index, read through `indexField`'s index.
   */
  partition(
    model: string,
    field: string,
    value: string | number,
    page: { afterSeq: number; limit: number; changedSince?: number },
  ): ScannedRecord[] {
    this.indexField(field);
    const since = page.changedSince === undefined ? '' : ' AND last_changed_at >= ?';
    const rows = this.statement(
      `SELECT seq, data FROM records WHERE model = ? AND ${fieldPath(field)} = ? AND seq > ?${since} ORDER BY seq LIMIT ?`,
    ).all(model, value, page.afterSeq, ...(page.changedSince === undefined ? [] : [page.changedSince]), page.limit) as {
      seq: number;
      data: string;
    }[];
    return this.counted(rows).map((row) => ({ seq: row.seq, record: JSON.parse(row.data) as StoredRecord }));
  }

  /** Records whose `field` holds `value`, in commit order. */
  byField(model: string, field: string, value: string | number): StoredRecord[] {
    return this.partition(model, field, value, { afterSeq: 0, limit: -1 }).map((row) => row.record);
  }

  count(model: string): number {
    return (this.statement('SELECT COUNT(*) AS n FROM records WHERE model = ?').get(model) as { n: number }).n;
  }

  purgeTombstones(changedBefore: number): number {
    this.statement('DELETE FROM record_versions WHERE last_changed_at < ?').run(changedBefore);
    return this.statement('DELETE FROM records WHERE deleted = 1 AND last_changed_at < ?').run(changedBefore).changes;
  }

  close(): void {
    this.db.close();
  }
}
