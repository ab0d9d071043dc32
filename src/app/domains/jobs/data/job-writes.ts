import { DataStore } from '@aws-amplify/datastore';

import { type ChecklistItem, Job, type JobPriority, JobStatus, type SignOff } from '../../../../models';
import { moveToCrew } from '../../shared/data/crew-move';
import { createOnce, deleteIfPresent } from '../../shared/data/idempotent-writes';
import { scopeFromParent } from '../../shared/data/record-scope';
import { saveChanges } from '../../shared/data/save-changes';
import {
  addChecklistItem,
  removeChecklistItem,
  renameChecklistItem,
  restoreChecklistItem,
  setChecklistItemDone,
} from '../util/checklist';

export interface JobDraft {
  readonly siteID: string;
  readonly title: string;
  readonly description?: string | null;
  readonly status?: JobStatus;
  readonly priority: JobPriority;
  readonly assignee?: string | null;
  readonly dueDate?: string | null;
  readonly tags?: string[] | null;
  readonly checklist?: ChecklistItem[] | null;
}

export type JobChanges = Partial<JobDraft>;

/**
 * The jobs aggregate's writes, as DeviceWrites commands: plain-data arguments, each safe to run
 * twice (see DeviceWrites). They run in the sync leader, whichever tab the user typed in.
 */
export const JOB_WRITES = {
  'job.create': ({ id, draft }: { id: string; draft: JobDraft }) =>
    createOnce(Job, { status: JobStatus.OPEN, checklist: [], tags: [], ...draft, id }),
  /**
   * Sets only the fields that differ, so a merge on the server sees just what the user changed. A
   * job moved to a site of another crew moves with everything on it, as a site does (crew-move.ts).
   */
  'job.update': (args: { id: string; changes: JobChanges; at?: string; handOver?: boolean }) => updateJob(args),
  'job.checklist.done': ({ id, itemId, done, at }: { id: string; itemId: string; done: boolean; at: string }) =>
    editChecklist(id, (items) => setChecklistItemDone(items, itemId, done, new Date(at))),
  'job.checklist.add': ({ id, itemId, label }: { id: string; itemId: string; label: string }) =>
    editChecklist(id, (items) => addChecklistItem(items, label, itemId)),
  'job.checklist.rename': ({ id, itemId, label }: { id: string; itemId: string; label: string }) =>
    editChecklist(id, (items) => renameChecklistItem(items, itemId, label)),
  'job.checklist.remove': ({ id, itemId }: { id: string; itemId: string }) =>
    editChecklist(id, (items) => removeChecklistItem(items, itemId)),
  'job.checklist.restore': ({ id, item, position }: { id: string; item: ChecklistItem; position: number }) =>
    editChecklist(id, (items) => restoreChecklistItem(items, item, position)),
  /** A signature replaces any earlier one: the report is signed as it stands now. */
  'job.signOff': ({ id, signOff }: { id: string; signOff: SignOff }) => editJob(id, () => ({ signOff })),
  /** DataStore also deletes the job's field notes (hasMany cascade). */
  'job.remove': ({ id }: { id: string }) => deleteIfPresent(Job, id).then(() => id),
} as const;

export type JobWriteCommand = keyof typeof JOB_WRITES;

export async function requireJob(id: string): Promise<Job> {
  const job = await DataStore.query(Job, id);
  if (!job) throw new Error(`Job ${id} is not on this device`);
  return job;
}

/** The scope of the job's new site when the changes move it to a site of another crew; null otherwise. */
async function crewCrossed(job: Job, changes: JobChanges) {
  if (!changes.siteID || changes.siteID === job.siteID) return null;
  const scope = await scopeFromParent('Job', { siteID: changes.siteID });
  if (!('crewID' in scope) || (scope.crewID ?? null) === (job.crewID ?? null)) return null;
  return { crewID: scope.crewID ?? null, crewGroup: scope.crewGroup ?? null };
}

async function updateJob({
  id,
  changes,
  at,
  handOver = false,
}: {
  id: string;
  changes: JobChanges;
  at?: string;
  handOver?: boolean;
}) {
  const current = await requireJob(id);
  const to = await crewCrossed(current, changes);
  if (!to) await saveChanges(Job, current, changes);
  else await moveToCrew('Job', id, to, at ? new Date(at) : new Date(), { changes, handOver });
  return id;
}

function editChecklist(id: string, change: (items: readonly ChecklistItem[]) => ChecklistItem[]): Promise<string> {
  return editJob(id, (current) => ({ checklist: change(current.checklist ?? []) }));
}

/** Reads the latest local copy first, so an edit never overwrites a change that synced in meanwhile. */
async function editJob(
  id: string,
  changesTo: (current: Job) => JobChanges | { readonly signOff: SignOff },
): Promise<string> {
  const current = await requireJob(id);
  await saveChanges(Job, current, changesTo(current));
  return id;
}
