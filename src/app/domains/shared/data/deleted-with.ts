import {
  childrenTaken,
  type DeletedWith,
  type DeletedWithLedger,
  type ListChildren,
  noteDeletedWith,
  type QueuedWrite,
  takeDeletedWith as takeFrom,
} from '../util/deleted-with';
import { CHILD_RECORDS, isParentModel } from './child-records';
import { queuedMutationsInSendingOrder } from './datastore-store';

export { type DeletedWith, type TakenChild } from '../util/deleted-with';

const DELETED_WITH_KEY = 'fieldbook.deletedWith';
/** Enough for days of offline work; the oldest go first if a device never hears back about them. */
const MAX_DELETES = 200;

const listChildren: ListChildren = async (model, id) => {
  if (!isParentModel(model)) return [];
  const children = CHILD_RECORDS[model];
  return (await children.list(id)).map((record) => ({
    model: children.model,
    record: record as unknown as Readonly<Record<string, unknown>>,
  }));
};

/** DataStore's outbox, in the order it sends it. */
const queuedWrites = () => queuedMutationsInSendingOrder<QueuedWrite>();

/**
 * Notes what deleting a job or a site is about to take with it on this device (see deleted-with in
 * shared/util), in localStorage so a reload or another tab's sync engine still has it when the
 * server answers. Runs in the sync leader, before DataStore's cascade, like every save.
 */
export async function rememberWhatDeleteTakes(model: string, id: string): Promise<void> {
  if (!isParentModel(model)) return;
  const children = await childrenTaken(model, id, listChildren, await queuedWrites());
  const all = readAll();
  noteDeletedWith(all, { model, recordId: id, children });
  writeAll([...all].slice(-MAX_DELETES));
}

/** Removes and returns what a parent's delete took, once the server has answered it. */
export function takeDeletedWith(model: string, recordId: string): DeletedWith | undefined {
  const all = readAll();
  const found = takeFrom(all, model, recordId);
  if (found) writeAll([...all]);
  return found;
}

export function clearDeletedWith(): void {
  localStorage.removeItem(DELETED_WITH_KEY);
}

function readAll(): DeletedWithLedger {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DELETED_WITH_KEY) ?? '[]');
    return new Map(Array.isArray(parsed) ? (parsed as [string, DeletedWith][]) : []);
  } catch {
    return new Map();
  }
}

function writeAll(entries: readonly [string, DeletedWith][]): void {
  try {
    localStorage.setItem(DELETED_WITH_KEY, JSON.stringify(entries));
  } catch {
    // Storage full: the delete itself is saved; only the copies a refusal would bring back are lost.
  }
}
