/**
 * Writes of one device that the server found stale only because of that same device's other
 * writes: counted, not failed. DataStore itself makes them on a lone device (after the answer to an
 * in-flight update differs from what was sent, say because another device's edit was merged in, it
 * leaves the next queued update of that record on the old version), and the main oracle accepts
 * them as conflicts. Counted for separate and shared-store devices alike, so a rise with tabs (a
 * leader saving a copy of a record read before another tab's command saved it, a new leader merging
 * into an entry the old one had sent) shows. A write re-sent unchanged after its answer was lost
 * on the wire is not counted; one re-sent after its answer arrived is, separately.
 */
import type { Sent } from './oracle.ts';

const keyOf = (q: Sent) => `${q.field.replace(/^(create|update|delete)/, '')}:${String(q.variables.input['id'])}`;
const identity = (q: Sent) => JSON.stringify({ ...q.variables.input, _version: undefined });

export interface SelfConflicts {
  /** Stale through other writes of the same device. */
  stale: string[];
  /**
   * Sent again unchanged although the server had answered it: the engine stopped (a leader tab
   * closing, a restart) after the answer and before dropping it from the outbox.
   */
  resent: string[];
}

export function selfConflicts(client: number, sent: Sent[]): SelfConflicts {
  const madeBy = new Map<string, Sent>();
  for (const q of sent) {
    const answer = q.response?.data?.[q.field];
    if (answer) madeBy.set(`${keyOf(q)}@${String(answer['_version'])}`, q);
  }
  const found: SelfConflicts = { stale: [], resent: [] };
  for (const q of sent) {
    const sentVersion = q.variables.input['_version'];
    if (q.client !== client || typeof sentVersion !== 'number') continue;
    const answer = q.response?.data?.[q.field];
    const refused = q.response?.errors?.[0];
    const current =
      refused?.errorType === 'ConflictUnhandled'
        ? Number(refused.data?.['_version'])
        : answer
          ? Number(answer['_version']) - 1
          : sentVersion;
    if (!(current > sentVersion)) continue;
    const makers = Array.from({ length: current - sentVersion }, (_, i) =>
      madeBy.get(`${keyOf(q)}@${sentVersion + 1 + i}`),
    );
    const line = `${keyOf(q)} ${q.field} on version ${sentVersion}, current ${current}`;
    if (makers.every((m) => m?.client === client && identity(m) === identity(q))) found.resent.push(line);
    if (makers.every((m) => m?.client === client && identity(m) !== identity(q))) {
      found.stale.push(
        `${keyOf(q)}: client ${client} sent ${q.field} on version ${sentVersion}, stale only through its own ` +
          `writes up to version ${current} (${refused ? 'refused' : 'merged'}): ${JSON.stringify(q.variables.input).slice(0, 200)}`,
      );
    }
  }
  return found;
}
