/**
 * What a device had to tell its user about one saved value: only what happened after the save, to
 * the same record, and carrying that value counts, so an older or unrelated conflict excuses nothing.
 */
import { isMap, parseJsonFields, sameValue } from './canonical.ts';
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';

type Fields = Record<string, unknown>;

/** One value a user saved: the record, the field and when (this machine's clock). */
export interface SavedValue {
  readonly client: number;
  readonly model: string;
  readonly id: string;
  readonly name: string;
  readonly value: unknown;
  readonly at: number;
}

/**
 * Whether `stored` holds what the user saved: lists exactly (a removed item that comes back, or a
 * list left as it was when the user emptied it, is not what they saved); JSON maps key by key,
 * since Auto Merge keeps the keys other devices added.
 */
export function holds(stored: unknown, saved: unknown): boolean {
  if (isMap(saved) && isMap(stored)) return Object.entries(saved).every(([key, value]) => holds(stored[key], value));
  return sameValue(stored ?? null, saved ?? null);
}

export function field(record: Fields, name: string): unknown {
  return parseJsonFields(record)[name];
}

/** The server's versions from the one current when the user saved on: an older one proves nothing. */
export function versionsSince(versions: readonly Stored[], at: number): Stored[] {
  const later = versions.findIndex((v) => Number(v['_lastChangedAt']) >= at);
  if (later < 0) return versions.slice(-1);
  return versions.slice(Math.max(0, later - 1));
}

const carries = (record: unknown, saved: SavedValue) =>
  isMap(record) && String(record['id']) === saved.id && holds(field(record, saved.name), saved.value);

/** The server's answer to a write of `saved`'s record by its device, sent after the save. */
export function answersAfter(saved: SavedValue, sent: readonly Sent[]): { q: Sent; answer: Fields }[] {
  return sent.flatMap((q) => {
    const answer = q.response?.data?.[q.field];
    const mine = q.client === saved.client && q.sentAt >= saved.at && q.field.endsWith(saved.model);
    return mine && answer && String(q.variables.input['id']) === saved.id ? [{ q, answer }] : [];
  });
}

/**
 * Whether the device was told that this value did not stay: its conflict handler saw a write of
 * the record carrying it, its error handler gave up on one, or the server answered a write that
 * carried it without keeping it (the app files that as "Your … was replaced by …", or, for a
 * deleted record, as an edit of a deleted record).
 */
export function told(saved: SavedValue, sent: readonly Sent[], events: readonly ClientEvents[]): boolean {
  const mine = events[saved.client];
  const refused = mine?.conflicts.some((c) => c.model === saved.model && c.at >= saved.at && carries(c.local, saved));
  const failed = mine?.hub.some(
    (e) => e.event === 'errorHandler' && e.at >= saved.at && carries(e.data['localModel'], saved),
  );
  const answeredWithout = answersAfter(saved, sent).some(
    ({ q, answer }) =>
      carries(q.variables.input, saved) &&
      (answer['_deleted'] === true || !holds(field(answer, saved.name), saved.value)),
  );
  return Boolean(refused || failed || answeredWithout);
}

/** Whether the device deleted the record after the save and the server acknowledged the delete. */
export function deletedAfter(saved: Omit<SavedValue, 'name' | 'value'>, sent: readonly Sent[]): boolean {
  return answersAfter({ ...saved, name: 'id', value: saved.id }, sent).some(
    ({ q, answer }) => q.field === `delete${saved.model}` && answer['_deleted'] === true,
  );
}

/** Whether the device heard, after `at`, that the server would not take its delete of the record. */
export function toldOfRefusedDelete(
  saved: Omit<SavedValue, 'name' | 'value'>,
  events: readonly ClientEvents[],
): boolean {
  const mine = events[saved.client];
  const about = (record: unknown) => isMap(record) && String(record['id']) === saved.id;
  return Boolean(
    mine?.conflicts.some(
      (c) => c.model === saved.model && c.at >= saved.at && /delete/i.test(c.operation) && about(c.local),
    ) || mine?.hub.some((e) => e.event === 'errorHandler' && e.at >= saved.at && about(e.data['localModel'])),
  );
}
