/**
 * Checks that a note added to a job deleted elsewhere is not lost in the dark: at quiescence, every
 * note the server keeps on a deleted job was, on a device that added it, still held when that device
 * saw the job deleted, which is when the app offers "Restore the job" or "Discard the notes".
 * A note the deleting device knew is deleted with its job (DataStore's cascade): its deleter saw it.
 * When that cascaded delete of the note is refused (someone edited the note meanwhile), the
 * deleting device's conflict handler sees the note, and the app lists it for review.
 *
 * A note that left its author's scope is judged by who may still act on it (fuzz seeds 192 and 197
 * of the 200k run). When the crew member who added it is no longer in its crew at the end (the
 * office took them out, or moved the note's site, with the note, to another crew), their device
 * holds only their crews' share (scope-oracle.ts holds it to that), never hears of a delete outside
 * it (AppSync sends nothing of records outside a device's filter), and AppSync would refuse them
 * the job's restore (a create in a crew they are not in). The office's move or membership change
 * put the note in other hands: then a device that held it when it saw the job deleted, whose user
 * may restore the job, must have put it before its user. If none did, it is still lost in the dark.
 */
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';

export interface OrphanReport {
  readonly jobId: string;
  readonly noteIds: readonly string[];
}

/** The crew member's device, and the crew groups its person is in at the end of the seed. */
export interface CrewDevice {
  readonly client: number;
  readonly crewGroups: readonly string[];
}

export function checkOrphans(
  history: Map<string, Stored[]>,
  sent: readonly Sent[],
  reports: readonly (readonly OrphanReport[])[],
  events: readonly ClientEvents[],
  crewDevice?: CrewDevice,
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
    const reported = (client: number) => reports[client]?.some((report) => report.noteIds.includes(String(noteId)));
    const outOfReach =
      authors.length > 0 &&
      authors.every(
        (client) => client === crewDevice?.client && !crewDevice.crewGroups.includes(String(note['crewGroup'])),
      );
    const told =
      authors.some(reported) ||
      events.some((device) => device.conflicts.some((c) => c.model === 'FieldNote' && c.local['id'] === noteId)) ||
      (outOfReach && reports.some((_, client) => reported(client)));
    if (!told) {
      errors.push(
        `${key} is kept on deleted job ${String(note['jobID'])}, and no device that added it (${[...new Set(authors)].join(', ') || 'none'}) was told`,
      );
    }
  }
  return { errors, orphans };
}
