import { DataStore, type PersistentModel } from '@aws-amplify/datastore';

import { Attachment, ChangeLogEntry, FieldNote, Handover, Job, Site } from '../../../../models';
import { durably } from './durable-write';
import { dropHandoverNote, type HandoverNote, noteHandover, withHandoverNotes } from './handover-notes';
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
 * A job in the scope `to`. The job keeps the group it leaves in `previousCrewGroup`: an edit its old
 * crew made before they heard of the move is still admitted (an update rule of its own), until the
 * next move replaces it.
 */
async function rescopeJob(job: Job, from: Scope, to: Scope, changes: Fields = {}): Promise<void> {
  await rescope(Job, job, { ...changes, ...to, previousCrewGroup: from.crewGroup ?? job.previousCrewGroup ?? null });
}

/** Everything on a job in the scope `to`: its notes, photo records and history. */
async function rescopeJobChildren(jobId: string, to: Scope): Promise<void> {
  for (const note of await DataStore.query(FieldNote, (c) => c.jobID.eq(jobId))) await rescope(FieldNote, note, to);
  for (const photo of await DataStore.query(Attachment, (c) => c.jobID.eq(jobId))) await rescope(Attachment, photo, to);
  await rescopeHistory(jobId, to);
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
 * office's holds all): jobs, notes, photo records and history take the new scope. When it leaves a
 * crew, the office's device notes the handover first: AppSync never tells the old crew's devices
 * that the records left their scope, but it sends them the handover, on which they let the records
 * go. The handover is written once the server has answered the move (`writeHandover`, run by the sync
 * leader's PendingHandovers), with the version the move made: a device lets go of its copy only
 * while it is no newer, so a handover that arrives after the record was moved back takes nothing.
 * Runs in the sync leader; safe to run again.
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
  const fromCrew = from.crewID;
  // The note before the record: a move stored and not noted would never get its handover, while a
  // note whose move was never stored is dropped once the record shows no change queued.
  await withHandoverNotes(async () => {
    if (fromCrew && handOver)
      noteHandover({
        id: crypto.randomUUID(),
        crewID: fromCrew,
        crewGroup: from.crewGroup,
        recordModel: model,
        recordID: id,
        toCrewID: to.crewID,
        handedOverAt: at.toISOString(),
      });
    if (model === 'Site') await rescope(Site, record as Site, { ...changes, ...to });
    else await rescopeJob(record as Job, from, to, changes);
  });
  if (model === 'Site') {
    await rescopeHistory(id, to);
    for (const job of await DataStore.query(Job, (c) => c.siteID.eq(id))) {
      await rescopeJob(job, from, to);
      await rescopeJobChildren(job.id, to);
    }
  } else if (handOver) {
    await rescopeJobChildren(id, to);
  }
}

/**
 * Writes the handover a note waits for, in the scope of the crew the record left, naming the
 * version the move made (`recordVersion`), and lets the note go. Under the note's id, once: a
 * handover written before the app closed is not written again.
 */
export async function writeHandover(note: HandoverNote, recordVersion: number): Promise<void> {
  if (!(await DataStore.query(Handover, note.id))) {
    const handover = (Handover as unknown as { fromJSON(json: object): Handover }).fromJSON({
      ...note,
      recordVersion,
    });
    await durably(() => DataStore.save(handover));
  }
  dropHandoverNote(note.id);
}
