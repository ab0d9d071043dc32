/**
 * Checks intent, not only convergence: every value a simulated user saved (the last one per field
 * of each record, per device, creates included) is in a server version from the save on, or the
 * device was told about that value after the save (told.ts). Every delete the user saw done left
 * the record deleted on the server, or the device was told the server kept it: a delete that never
 * left the device, or a record a full sync brought back, is a loss too.
 */
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';
import { deletedAfter, field, holdsList, told, toldOfRefusedDelete, versionsSince } from './told.ts';

type Fields = Record<string, unknown>;

/**
 * One create, save or delete a simulated user saw succeed on their device, in the order each
 * device made them. A delete stands for every earlier save of the record on that device: the user
 * meant it gone (so does an acknowledged delete the device sent for it, which a delete of its
 * parent makes).
 */
export interface Save {
  readonly client: number;
  readonly model: string;
  readonly id: string;
  /** Null for a delete. */
  readonly fields: Fields | null;
  /**
   * Whether the user saw it saved. A save the user never saw confirmed (its tab closed first) is
   * not checked, but when it is their last word on a field it still stands for their earlier ones.
   */
  readonly confirmed: boolean;
  /** When the user saved it (this machine's clock, as the server's `_lastChangedAt`). */
  readonly at: number;
  /** The record as the user's device showed it when they edited it (lists are judged against it). */
  readonly base?: Fields;
  /**
   * For a write through the plain API (no device, no review list): the record the server answered
   * it with. A value the answer does not hold was refused in the caller's sight (a conflict rule
   * kept another value), as an office system reading its answer is told.
   */
  readonly answer?: Fields;
}

/**
 * The device deleted the record after `save` and the server does not hold it: deleted there, or
 * never there (DataStore drops a queued create and its delete together, sending neither).
 */
function deletedHereAndGone(save: Save, deletes: readonly Save[], history: Map<string, Stored[]>): boolean {
  const deletedHere = deletes.some(
    (d) => d.client === save.client && d.model === save.model && d.id === save.id && d.at >= save.at,
  );
  const versions = history.get(`${save.model}:${save.id}`) ?? [];
  return deletedHere && (versions.length === 0 || versions.at(-1)?._deleted === true);
}

/**
 * Where a record names the one it is on: deleting a job takes its notes with it, deleting a site its
 * jobs and their notes (DataStore's cascade, which the app's delete dialog names before the user
 * confirms: "2 jobs will go").
 */
const PARENT_KEYS: Readonly<Record<string, { key: string; model: string }>> = {
  FieldNote: { key: 'jobID', model: 'Job' },
  Job: { key: 'siteID', model: 'Site' },
};

/**
 * The records `save`'s record is on, nearest first (a note's job, then that job's site), as the
 * save, the device's other saves (a job made there offline never reached the server) or the
 * server's last version name them.
 */
function ancestors(save: Save, saves: readonly Save[], history: Map<string, Stored[]>): Save[] {
  const found: Save[] = [];
  let [model, id, fields] = [save.model, save.id, save.fields];
  for (let parent = PARENT_KEYS[model]; parent; parent = PARENT_KEYS[model]) {
    const key = parent.key;
    const named = (record: Fields | null | undefined) => (typeof record?.[key] === 'string' ? record[key] : undefined);
    const parentId =
      named(fields) ??
      named(
        saves.find((s) => s.client === save.client && s.model === model && s.id === id && named(s.fields))?.fields,
      ) ??
      named(history.get(`${model}:${id}`)?.at(-1));
    if (parentId === undefined) break;
    found.push({ ...save, model: parent.model, id: parentId });
    [model, id, fields] = [parent.model, parentId, null];
  }
  return found;
}

export function checkIntent(
  saves: readonly Save[],
  history: Map<string, Stored[]>,
  sent: readonly Sent[],
  events: readonly ClientEvents[],
): { errors: string[]; checked: number } {
  // The user's last word per device, record and field: an earlier value they changed themselves is not lost.
  const last = new Map<string, { save: Save; name: string; value: unknown; base: unknown }>();
  const deletes: Save[] = [];
  for (const save of saves) {
    const record = `${save.client}|${save.model}:${save.id}|`;
    if (save.fields === null) {
      for (const key of [...last.keys()]) if (key.startsWith(record)) last.delete(key);
      if (save.confirmed) deletes.push(save);
      continue;
    }
    for (const [name, value] of Object.entries(save.fields))
      last.set(`${record}${name}`, { save, name, value, base: save.base?.[name] });
  }
  const errors: string[] = [];
  for (const { save, name, value, base } of last.values()) {
    if (!save.confirmed) continue;
    const key = `${save.model}:${save.id}`;
    const versions = versionsSince(history.get(key) ?? [], save.at);
    if (versions.some((version) => holdsList(field(version, name), value, base))) continue;
    if (save.answer && !holdsList(field(save.answer, name), value, base)) continue;
    const saved = { ...save, name, value, base };
    // The device deleted the record after the save, also as part of deleting its job or its site
    // (a job takes its notes with it, a site its jobs and their notes: a record made and taken with
    // its parent before it left the device is never sent), and the server took the delete. Only
    // the same device's delete counts: the user confirmed it knowing what it takes (fuzz seed 113 of
    // the 200k run: a job made offline on a site, then that site deleted on the same device).
    // Another device's delete leaves orphans, which orphan-oracle.ts judges.
    const parents = ancestors(save, saves, history);
    if (deletedAfter(saved, sent) || parents.some((p) => deletedAfter(p, sent)) || told(saved, events)) continue;
    if (parents.some((p) => deletedHereAndGone(p, deletes, history))) continue;
    errors.push(
      `client ${save.client} saved ${key} ${name} = ${JSON.stringify(value)}: no server version since holds it and the device was never told`,
    );
  }
  for (const save of deletes) {
    const key = `${save.model}:${save.id}`;
    const versions = history.get(key) ?? [];
    // Never on the server (made and deleted before it left the device), or deleted there.
    if (versions.length === 0 || versions.at(-1)?._deleted) continue;
    if (toldOfRefusedDelete(save, events)) continue;
    errors.push(`client ${save.client} deleted ${key}: the server still holds it and the device was never told`);
  }
  return { errors, checked: last.size + deletes.length };
}
