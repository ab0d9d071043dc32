/**
 * Checks intent, not only convergence: every value a simulated user saved (the last one per field
 * of each record, per device) either reached the server, in some version of the record, or the
 * device had what it needs to tell the user: its conflict handler saw the record, an error was
 * reported for it, or the server's answer to the mutation that carried the value did not keep it
 * (the app files that as "Your … was replaced by …", or, for a deleted record, as an edit of a
 * deleted record). A value that did none of these is lost without a word.
 */
import { isMap, parseJsonFields, sameValue } from './canonical.ts';
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';

type Fields = Record<string, unknown>;

/**
 * One save or delete a simulated user saw succeed on their device, in the order each device made
 * them. A delete stands for every earlier save of the record on that device: the user meant it gone
 * (so does a delete the device sent for it, which a delete of its parent makes).
 */
export interface Save {
  readonly client: number;
  readonly model: string;
  readonly id: string;
  /** Null for a delete. */
  readonly fields: Fields | null;
  /**
   * Whether the user saw it saved. A save the user never saw confirmed (its tab closed first) is
   * not checked, but when it is their last word on a field it still stands for their earlier ones.
   */
  readonly confirmed: boolean;
}

/** Whether `stored` holds what the user saved: lists keep it when they hold every saved item. */
function holds(stored: unknown, saved: unknown): boolean {
  if (Array.isArray(saved) && Array.isArray(stored)) {
    return saved.every((item) => stored.some((candidate) => sameValue(candidate, item)));
  }
  if (isMap(saved) && isMap(stored)) return Object.entries(saved).every(([key, value]) => holds(stored[key], value));
  return sameValue(stored ?? null, saved ?? null);
}

function field(record: Fields, name: string): unknown {
  return parseJsonFields(record)[name];
}

export function checkIntent(
  saves: readonly Save[],
  history: Map<string, Stored[]>,
  sent: readonly Sent[],
  events: readonly ClientEvents[],
): { errors: string[]; checked: number } {
  // The user's last word per device, record and field: an earlier value they changed themselves is not lost.
  const last = new Map<string, { save: Save; name: string; value: unknown }>();
  for (const save of saves) {
    const record = `${save.client}|${save.model}:${save.id}|`;
    if (save.fields === null) {
      for (const key of [...last.keys()]) if (key.startsWith(record)) last.delete(key);
      continue;
    }
    for (const [name, value] of Object.entries(save.fields)) last.set(`${record}${name}`, { save, name, value });
  }
  const errors: string[] = [];
  for (const { save, name, value } of last.values()) {
    if (!save.confirmed) continue;
    // The device deleted the record itself, also as part of deleting its parent (a job takes its
    // notes with it): a deleted record cannot be edited again, so the delete came after the save.
    const deletedByDevice = sent.some(
      (q) => q.client === save.client && q.field === `delete${save.model}` && q.variables.input['id'] === save.id,
    );
    if (deletedByDevice) continue;
    const key = `${save.model}:${save.id}`;
    const versions = history.get(key) ?? [];
    if (versions.some((version) => holds(field(version, name), value))) continue;
    const clientEvents = events[save.client];
    const refused = clientEvents?.conflicts.some((c) => c.model === save.model && c.local['id'] === save.id);
    const failed = clientEvents?.hub.some(
      (e) => e.event === 'errorHandler' && (e.data['localModel'] as Fields | null)?.['id'] === save.id,
    );
    const answeredWithout = sent.some((q) => {
      if (q.client !== save.client || String(q.variables.input['id']) !== save.id) return false;
      if (!q.field.endsWith(save.model) || !holds(field(q.variables.input, name), value)) return false;
      const answer = q.response?.data?.[q.field];
      return Boolean(answer && (answer['_deleted'] === true || !holds(field(answer, name), value)));
    });
    if (refused || failed || answeredWithout) continue;
    errors.push(
      `client ${save.client} saved ${key} ${name} = ${JSON.stringify(value)}: no server version holds it and the device was never told`,
    );
  }
  return { errors, checked: last.size };
}
