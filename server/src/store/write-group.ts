import type { ChangeEvent } from './change-event.ts';
import type { StoredRecord } from './stored-record.ts';

const key = (model: string, id: string) => `${model}\u0000${id}`;
const versionKey = (model: string, id: string, version: number) => `${model}\u0000${id}\u0000${version}`;

/** A record written, with the `_version` its write was sent with (null: none). */
export interface StagedWrite {
  model: string;
  key: string;
  record: StoredRecord;
  basedOn: number | null;
}

/** Writes staged in memory until their group commits; reads see them first. */
export class StagedWrites {
  readonly writes: StagedWrite[] = [];
  readonly events: ChangeEvent[] = [];
  private readonly records = new Map<string, StoredRecord>();
  private readonly versions = new Map<string, StoredRecord>();

  stage(model: string, recordKey: string, record: StoredRecord, basedOn: number | null = null): void {
    this.writes.push({ model, key: recordKey, record, basedOn });
    this.records.set(key(model, recordKey), record);
    this.versions.set(versionKey(model, recordKey, record._version), record);
  }

  get(model: string, id: string): StoredRecord | undefined {
    return this.records.get(key(model, id));
  }

  getVersion(model: string, id: string, version: number): StoredRecord | undefined {
    return this.versions.get(versionKey(model, id, version));
  }

  /** The versions of a record staged by writes sent with `_version` `basedOn`. */
  versionsBasedOn(model: string, id: string, basedOn: number): number[] {
    return this.writes
      .filter((write) => write.model === model && write.key === id && write.basedOn === basedOn)
      .map((write) => write.record._version);
  }

  /** Takes over another set's writes and events, after its own. */
  absorb(other: StagedWrites): void {
    for (const write of other.writes) this.stage(write.model, write.key, write.record, write.basedOn);
    this.events.push(...other.events);
  }
}

/**
 * One mutation's writes inside a group: what it staged itself, over what the mutations before it
 * in the same group staged, over the database. A mutation that fails leaves nothing behind.
 */
export class MutationScope {
  readonly own = new StagedWrites();

  constructor(readonly group: StagedWrites) {}

  get(model: string, id: string): StoredRecord | undefined {
    return this.own.get(model, id) ?? this.group.get(model, id);
  }

  getVersion(model: string, id: string, version: number): StoredRecord | undefined {
    return this.own.getVersion(model, id, version) ?? this.group.getVersion(model, id, version);
  }

  versionsBasedOn(model: string, id: string, basedOn: number): number[] {
    return [...this.group.versionsBasedOn(model, id, basedOn), ...this.own.versionsBasedOn(model, id, basedOn)];
  }
}
