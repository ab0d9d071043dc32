import {
  childrenTaken,
  type DeletedWith,
  type ListChildren,
  noteDeletedWith,
  type QueuedWrite,
  takeDeletedWith as takeFrom,
} from '../util/deleted-with';
import { CHILD_RECORDS, isParentModel } from './child-records';
import { queuedMutationsInSendingOrder } from './datastore-store';
import { localLedger } from './local-ledger';

export { type DeletedWith, type TakenChild } from '../util/deleted-with';

/**
 * Enough for days of offline work; the oldest go first if a device never hears back about them. If
 * storage is full, the delete itself is saved; only the copies a refusal would bring back are lost.
 */
const ledger = localLedger<DeletedWith>('fieldbook.deletedWith', 'entry-list', 200);

const listChildren: ListChildren = async (model, id) => {
  if (!isParentModel(model)) return [];
  const children = CHILD_RECORDS[model];
  return (await children.list(id)).map((record) => ({
    model: children.model,
    record: record as unknown as Readonly<Record<string, unknown>>,
  }));
};

/**
 * Notes what deleting a job or a site is about to take with it on this device (see deleted-with in
 * shared/util), in localStorage so a reload or another tab's sync engine still has it when the
 * server answers. Runs in the sync leader, before DataStore's cascade, like every save.
 */
export async function rememberWhatDeleteTakes(model: string, id: string): Promise<void> {
  if (!isParentModel(model)) return;
  const queued = await queuedMutationsInSendingOrder<QueuedWrite>();
  const children = await childrenTaken(model, id, listChildren, queued);
  ledger.update((all) => noteDeletedWith(all, { model, recordId: id, children }));
}

/** Removes and returns what a parent's delete took, once the server has answered it. */
export function takeDeletedWith(model: string, recordId: string): DeletedWith | undefined {
  return ledger.update((all) => takeFrom(all, model, recordId));
}

export function clearDeletedWith(): void {
  ledger.clear();
}
