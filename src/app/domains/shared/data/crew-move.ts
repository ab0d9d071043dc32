import { DataStore, type PersistentModel } from '@aws-amplify/datastore';

import { Attachment, ChangeLogEntry, FieldNote, Handover, Job, Site } from '../../../../models';
import { durably } from './durable-write';
import { scopeIn } from './record-scope';
import { type EditableModel, saveChanges } from './save-changes';

// A type, not an interface: it is handed on as plain fields.
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
type Scope = {
  readonly crewID: string | null;
  readonly crewGroup: string | null;
};

type Fields = Readonly<Record<string, unknown>>;

/** Saves `changes` to a record unless it already has them (a move run again). */
async function rescope<T extends PersistentModel>(model: EditableModel<T>, record: T, changes: Fields): Promise<void> {
  const fields = record as unknown as Fields;
  if (Object.entries(changes).every(([field, value]) => (fields[field] ?? null) === value)) return;
  await saveChanges(model, record, changes);
}

/** The history entries of a record: they carry its scope too, so its new crew reads them. */
async function rescopeHistory(recordId: string, scope: Scope): Promise<void> {
  for (const entry of await DataStore.query(ChangeLogEntry, (c) => c.recordID.eq(recordId)))
    await rescope(ChangeLogEntry, entry, scope);
}

/**
 * A job and everything on it in the scope `to`. The job keeps the group it leaves in
 * `previousCrewGroup`: an edit its old crew made before they heard of the move is still admitted
 * (an update rule of its own), until the next move replaces it.
 */
async function rescopeJob(job: Job, from: Scope, to: Scope, changes: Fields = {}, alone = false): Promise<void> {
  await rescope(Job, job, { ...changes, ...to, previousCrewGroup: from.crewGroup ?? job.previousCrewGroup ?? null });
  if (alone) return;
  for (const note of await DataStore.query(FieldNote, (c) => c.jobID.eq(job.id))) await rescope(FieldNote, note, to);
  for (const photo of await DataStore.query(Attachment, (c) => c.jobID.eq(job.id)))
    await rescope(Attachment, photo, to);
  await rescopeHistory(job.id, to);
}

export interface MoveOptions {
  /** The user's other edits of the record, saved in the same step as its new scope. */
  readonly changes?: Fields;
  /**
   * Whether this person may move other people's records and write the handover (the office). A
   * crew member in both crews moves the job alone: its notes and photos are their owners', its
   * history is written once, and only the office writes handovers.
   */
  readonly handOver?: boolean;
}

/**
 * Moves a site, or a job, to the crew of `to`, with everything on it this device holds (the
 * office's holds all): jobs, notes, photo records and history take the new scope. Then, when it
 * left a crew, a handover in that crew's scope: AppSync never tells the old crew's devices that the
 * records left their scope, but it sends them the handover, on which they let the records go. The
 * handover is saved last, so it reaches the server after the records it names. Runs in the sync
 * leader; safe to run again.
 */
export async function moveToCrew(
  model: 'Site' | 'Job',
  id: string,
  to: Scope,
  at: Date,
  { changes = {}, handOver = true }: MoveOptions = {},
): Promise<void> {
  const record = model === 'Site' ? await DataStore.query(Site, id) : await DataStore.query(Job, id);
  if (!record) throw new Error(`${model} ${id} is not on this device`);
  const from = scopeIn(record as unknown as Fields);
  if (from.crewID === to.crewID) {
    if (model === 'Site') await rescope(Site, record as Site, changes);
    else await rescope(Job, record as Job, changes);
    return;
  }
  if (model === 'Site') {
    await rescope(Site, record as Site, { ...changes, ...to });
    await rescopeHistory(id, to);
    for (const job of await DataStore.query(Job, (c) => c.siteID.eq(id))) await rescopeJob(job, from, to);
  } else {
    await rescopeJob(record as Job, from, to, changes, !handOver);
  }
  if (!from.crewID || !handOver) return;
  await durably(() =>
    DataStore.save(
      new Handover({
        ...from,
        recordModel: model,
        recordID: id,
        toCrewID: to.crewID,
        handedOverAt: at.toISOString(),
      }),
    ),
  );
}
