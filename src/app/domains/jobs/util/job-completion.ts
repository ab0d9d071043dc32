import { type Job, JobStatus } from '../../../../models';
import { type HistoryEntry } from '../../history/api';

/** When a Done job was completed and by whom, or that this device does not know. */
export type JobCompletion =
  { readonly known: true; readonly at: string; readonly by: string | null } | { readonly known: false };

/**
 * For a Done job, the newest change in its history that set it Done: a job reopened and done again
 * was completed the second time. A change whose status the server did not keep completed nothing.
 * Null for a job that is not Done.
 */
export function jobCompletion(job: Pick<Job, 'status'>, newestFirst: readonly HistoryEntry[]): JobCompletion | null {
  if (job.status !== JobStatus.DONE) return null;
  const done = newestFirst.find(
    (entry) =>
      entry.operation !== 'delete' &&
      !entry.notKept?.includes('status') &&
      entry.changes.some((change) => change.field === 'status' && change.to === JobStatus.DONE),
  );
  return done ? { known: true, at: done.savedAt, by: done.author } : { known: false };
}
