import { inject, Injectable } from '@angular/core';
import { DataStore } from '@aws-amplify/datastore';

import { CHILD_RECORDS, type ChildRecords, isParentModel } from '../../shared/data/child-records';
import { DeviceWrites } from '../../shared/data/device-writes';
import { createOnce, deleteIfPresent } from '../../shared/data/idempotent-writes';
import { ownFields } from '../../shared/data/own-fields';
import { saveChanges } from '../../shared/data/save-changes';
import { type RestoreCreate, restoreCreates, type TakenChild } from '../../shared/util/deleted-with';
import { restoredId, restoredIds } from '../../shared/util/restored-id';
import { type FieldValues, userFields } from '../util/change-to-review';
import { reapplyLists } from '../util/list-outcome';
import { type AnyModel, modelFor, RECORD_MODELS } from './record-models';

/** Any synced record by model name: how the sync domain re-applies a user's change. */
@Injectable({ providedIn: 'root' })
export class RecordRepository {
  private readonly writes = inject(DeviceWrites);

  constructor() {
    for (const [command, executor] of Object.entries(RECORD_WRITES)) this.writes.register(command, executor);
  }

  /** Which model a record id belongs to (DataStore's errorHandler does not say for dropped changes). */
  async modelOf(id: string): Promise<string | undefined> {
    for (const [name, model] of Object.entries(RECORD_MODELS)) {
      if (await DataStore.query(model, id)) return name;
    }
    return undefined;
  }

  async current(model: string, id: string): Promise<FieldValues | null> {
    const found = await DataStore.query(modelFor(model), id);
    return found ? userFields(found) : null;
  }

  /** The record as the device store holds it, its edit times and sync metadata included. */
  async stored(model: string, id: string): Promise<Record<string, unknown> | null> {
    const found = await DataStore.query(modelFor(model), id);
    return found ? (JSON.parse(JSON.stringify(found)) as Record<string, unknown>) : null;
  }

  async version(model: string, id: string): Promise<number | undefined> {
    const found = (await DataStore.query(modelFor(model), id)) as { _version?: number } | undefined;
    return found?._version;
  }

  /**
   * Writes the user's values onto the record as it is now on the device, so DataStore sends a
   * normal update with the current `_version`. A record the server deleted comes back as a new one.
   * With `from` (the values the user's were set against), a list is written as the user's change
   * from that list applied to the list as it is now, so what others added since stays.
   */
  async apply(model: string, id: string, fields: FieldValues, from?: FieldValues): Promise<string> {
    return this.writes.run<string>('record.apply', { model, id, fields, from, newId: crypto.randomUUID() });
  }

  async remove(model: string, id: string): Promise<void> {
    await this.writes.run('record.remove', { model, id });
  }

  /**
   * Brings a deleted job (with the notes still attached to it here) or site (with its jobs) back
   * from its last fields. A deleted record's id cannot be used again, so it returns under a new id
   * derived from the old one: two devices restoring the same record make one record, not two.
   */
  async restoreWithChildren(model: string, id: string, fields: FieldValues): Promise<string> {
    return this.writes.run<string>('record.restoreParent', { model, id, fields, newId: await restoredId(id) });
  }

  /**
   * Brings back a refused delete's parent, should the device not hold it, and what the delete took
   * with it on this device (its notes, its jobs and their notes), with their values, attached as
   * they were; see restoreCreates.
   */
  async restoreTaken(parent: RestoreCreate, children: readonly TakenChild[]): Promise<void> {
    const newIds = await restoredIds(children.map((child) => child.id));
    await this.writes.run('record.restoreTaken', { parent, children, newIds });
  }

  /** Deletes the records still attached to a job or site that is gone (a job takes its notes with it). */
  async discardChildrenOf(model: string, id: string): Promise<void> {
    await this.writes.run('record.discardChildren', { model, id });
  }
}

function childrenOf(model: string): ChildRecords & { childModel: AnyModel } {
  if (!isParentModel(model)) throw new Error(`A ${model} has no records attached to restore`);
  const children = CHILD_RECORDS[model];
  return { ...children, childModel: modelFor(children.model) };
}

/** A user's values for a record, and the id to use should the record have to be made anew. */
interface RecordWrite {
  readonly model: string;
  readonly id: string;
  readonly fields: FieldValues;
  readonly newId: string;
  readonly from?: FieldValues;
}

/** The sync domain's writes as DeviceWrites commands (plain data, safe to run twice). */
const RECORD_WRITES = {
  'record.apply': async ({ model, id, fields, newId, from }: RecordWrite) => {
    const constructor = modelFor(model);
    const current = await DataStore.query(constructor, id);
    if (!current) return createOnce(constructor, { ...ownFields(model, fields), id: newId });
    await saveChanges(constructor, current, from ? reapplyLists(fields, from, userFields(current)) : fields);
    return id;
  },
  'record.remove': ({ model, id }: { model: string; id: string }) => deleteIfPresent(modelFor(model), id),
  'record.restoreParent': async ({ model, id, fields, newId }: RecordWrite) => {
    const children = childrenOf(model);
    await createOnce(modelFor(model), { ...ownFields(model, fields), id: newId });
    if (!(await DataStore.query(modelFor(model), newId))) throw new Error(`The ${model} could not be restored here`);
    for (const child of await children.list(id))
      await saveChanges(children.childModel, child, { [children.key]: newId });
    return newId;
  },
  'record.restoreTaken': async ({
    parent,
    children,
    newIds,
  }: {
    parent: RestoreCreate;
    children: readonly TakenChild[];
    newIds: Readonly<Record<string, string>>;
  }) => {
    const held = new Set<string>();
    for (const { model, id } of [parent, ...children]) if (await DataStore.query(modelFor(model), id)) held.add(id);
    for (const { model, id, fields } of restoreCreates(parent, children, newIds, held))
      await createOnce(modelFor(model), { ...ownFields(model, fields), id });
  },
  'record.discardChildren': async ({ model, id }: { model: string; id: string }) => {
    const children = childrenOf(model);
    for (const child of await children.list(id))
      await deleteIfPresent(children.childModel, (child as { id: string }).id);
  },
} as const;
