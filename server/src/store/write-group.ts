import type { ChangeEvent } from './change-event.ts';
import type { StoredRecord } from './stored-record.ts';

const key = (model: string, id: string) => `${model}\u0000${id}`;
const versionKey = (model: string, id: string, version: number) => `${model}\u0000${id}\u0000${version}`;

/** Writes staged in memory until their group commits; reads see them first. */
export class StagedWrites {
  readonly writes: { model: string; key: string; record: StoredRecord }[] = [];
  readonly events: ChangeEvent[] = [];
  private readonly records = new Map<string, StoredRecord>();
  private readonly versions = new Map<string, StoredRecord>();

  stage(model: string, recordKey: string, record: StoredRecord): void {
    this.writes.push({ model, key: recordKey, record });
    this.records.set(key(model, recordKey), record);
    this.versions.set(versionKey(model, recordKey, record._version), record);
  }

  get(model: string, id: string): StoredRecord | undefined {
    return this.records.get(key(model, id));
  }

  getVersion(model: string, id: string, version: number): StoredRecord | undefined {
    return this.versions.get(versionKey(model, id, version));
  }

  /** Takes over another set's writes and events, after its own. */
  absorb(other: StagedWrites): void {
    for (const write of other.writes) this.stage(write.model, write.key, write.record);
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
}
