/**
 * Checks that a note added to a job deleted elsewhere is not lost in the dark: at quiescence, every
 * note the server keeps on a deleted job was, on a device that added it, still held when that device
 * saw the job deleted, which is when the app offers "Restore the job" or "Discard the notes".
 * A note the deleting device knew is deleted with its job (DataStore's cascade): its deleter saw it.
 * When that cascaded delete of the note is refused (someone edited the note meanwhile), the
 * deleting device's conflict handler sees the note, and the app lists it for review.
 */
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';

export interface OrphanReport {
  readonly jobId: string;
  readonly noteIds: readonly string[];
}

export function checkOrphans(
  history: Map<string, Stored[]>,
  sent: readonly Sent[],
  reports: readonly (readonly OrphanReport[])[],
  events: readonly ClientEvents[],
): { errors: string[]; orphans: number } {
  const errors: string[] = [];
  let orphans = 0;
  for (const [key, versions] of history) {
    const [model, noteId] = key.split(':');
    const note = versions.at(-1);
    if (model !== 'FieldNote' || !note || note._deleted) continue;
    const job = history.get(`Job:${String(note['jobID'])}`)?.at(-1);
    if (job && !job._deleted) continue;
    orphans++;
    const authors = sent
      .filter((q) => q.field === 'createFieldNote' && q.variables.input['id'] === noteId)
      .map((q) => q.client);
    const told =
      authors.some((client) => reports[client]?.some((report) => report.noteIds.includes(String(noteId)))) ||
      events.some((device) => device.conflicts.some((c) => c.model === 'FieldNote' && c.local['id'] === noteId));
    if (!told) {
      errors.push(
        `${key} is kept on deleted job ${String(note['jobID'])}, and no device that added it (${[...new Set(authors)].join(', ') || 'none'}) was told`,
      );
    }
  }
  return { errors, orphans };
}
