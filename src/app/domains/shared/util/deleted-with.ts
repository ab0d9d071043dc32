/**
 * What deleting a parent takes with it on this device. DataStore's hasMany cascade deletes a job's
 * notes (a site's jobs and their notes) with it, and the outbox drops a child's queued create with
 * its delete, so nothing about a child added offline is ever sent. Should the server refuse the
 * parent's delete, these copies are all that is left of such children: kept until the server has
 * answered the delete, and handed to the review entry of a refused one.
 */

/** A record a parent's delete removed with it here. */
export interface TakenChild {
  readonly model: string;
  readonly id: string;
  /** The record's fields as the device held it, its parent's id included. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Never sent (its create still queued behind another change): the outbox dropped it with the delete. */
  readonly unsent: boolean;
}

/** One parent's delete and what it took, parents before their own children (a site's jobs, then their notes). */
export interface DeletedWith {
  readonly model: string;
  readonly recordId: string;
  readonly children: readonly TakenChild[];
}

/** Every parent's delete waiting for the server's answer, keyed `Model:id`, oldest first. */
export type DeletedWithLedger = Map<string, DeletedWith>;

/** A parent's children on the device (a job's notes, a site's jobs) as stored, each with its model. */
export type ListChildren = (
  model: string,
  id: string,
) => Promise<readonly { readonly model: string; readonly record: Readonly<Record<string, unknown>> }[]>;

/** One queued mutation, as far as telling whether a create will still reach the server goes. */
export interface QueuedWrite {
  readonly model: string;
  readonly modelId: string;
  readonly operation: string;
}

/**
 * Everything deleting `model` `id` takes with it, found before the delete runs, with `queued` the
 * outbox as it is then. A child is unsent when its create waits behind the outbox's head: the
 * outbox drops it with the child's delete. The head may be on its way to the server already, and
 * is sent whatever follows it.
 */
export async function childrenTaken(
  model: string,
  id: string,
  list: ListChildren,
  queued: readonly QueuedWrite[],
): Promise<TakenChild[]> {
  const taken: TakenChild[] = [];
  const waiting = queued.slice(1).filter((write) => write.operation === 'Create');
  for (const child of await list(model, id)) {
    const childId = String(child.record['id']);
    taken.push({
      model: child.model,
      id: childId,
      fields: plainFields(child.record),
      unsent: waiting.some((write) => write.model === child.model && write.modelId === childId),
    });
    taken.push(...(await childrenTaken(child.model, childId, list, queued)));
  }
  return taken;
}

export function noteDeletedWith(all: DeletedWithLedger, entry: DeletedWith): void {
  const key = `${entry.model}:${entry.recordId}`;
  all.delete(key);
  if (entry.children.length > 0) all.set(key, entry);
}

export function takeDeletedWith(all: DeletedWithLedger, model: string, recordId: string): DeletedWith | undefined {
  const key = `${model}:${recordId}`;
  const found = all.get(key);
  all.delete(key);
  return found;
}

/** One create that brings a taken child back. */
export interface RestoreCreate {
  readonly model: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * The creates that bring a refused delete's parent and children back, parents first. The parent is
 * on the server, which refused to delete it; a device that does not hold it again (a delete refused
 * for permissions leaves it deleted here) makes it under its own id, and the server answers with its
 * copy. A child the server never had returns under its own id (a photo made for a note keeps
 * pointing at it); one the server had was deleted there by its own delete, sent ahead of the
 * parent's, and a deleted id cannot be used again, so it returns under `newIds[id]`, and its own
 * children follow it there. A record the device holds again (a sync brought it back) needs nothing.
 */
export function restoreCreates(
  parent: RestoreCreate,
  children: readonly TakenChild[],
  newIds: Readonly<Record<string, string>>,
  held: ReadonlySet<string>,
): RestoreCreate[] {
  const idOf = (child: TakenChild) => (child.unsent || held.has(child.id) ? child.id : (newIds[child.id] ?? child.id));
  const renamed = new Map(children.map((child) => [child.id, idOf(child)]));
  const restored = children
    .filter((child) => !held.has(child.id))
    .map((child) => ({
      model: child.model,
      id: idOf(child),
      fields: Object.fromEntries(
        Object.entries(child.fields).map(([field, value]) => [
          field,
          typeof value === 'string' ? (renamed.get(value) ?? value) : value,
        ]),
      ),
    }));
  return held.has(parent.id) ? restored : [parent, ...restored];
}

function plainFields(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(plain).filter(([field]) => field !== 'id' && !field.startsWith('_')));
}
