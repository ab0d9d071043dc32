/**
 * What a device had to tell its user about one saved value: a review entry filed after the save,
 * for the same record, naming the field and the value, so an older or unrelated conflict excuses
 * nothing, and neither does a handler that ran without filing anything.
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
  /** For a list, the list the user's device showed when they saved (see holdsList). */
  readonly base?: unknown;
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

/**
 * Whether `stored` holds what the user meant by saving the list `saved` over `base` (the list their
 * device showed): the items they added or changed are there as they saved them, and the items they
 * removed are gone. Items another device added meanwhile may sit beside them (the Job handler and
 * Auto Merge keep both sides' additions); an item the user removed that a merge brought back is
 * not what they saved. Without a base (a create, a tab's write), the list must be exactly theirs.
 */
export function holdsList(stored: unknown, saved: unknown, base: unknown): boolean {
  if (base === undefined || !Array.isArray(saved)) return holds(stored, saved);
  const key = (item: unknown) => (isMap(item) && 'id' in item ? `id:${String(item['id'])}` : JSON.stringify(item));
  const [now, before] = [asList(stored), asList(base)];
  const kept = new Map(now.map((item) => [key(item), item]));
  const mine = new Set(saved.map(key));
  const addedOrChanged = saved.filter((item) => !before.some((old) => sameValue(old, item)));
  const removed = before.filter((item) => !mine.has(key(item)));
  return (
    addedOrChanged.every((item) => kept.has(key(item)) && sameValue(kept.get(key(item)), item)) &&
    removed.every((item) => !kept.has(key(item)))
  );
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function field(record: Fields, name: string): unknown {
  return parseJsonFields(record)[name];
}

/** The server's versions from the one current when the user saved on: an older one proves nothing. */
export function versionsSince(versions: readonly Stored[], at: number): Stored[] {
  const later = versions.findIndex((v) => Number(v['_lastChangedAt']) >= at);
  if (later < 0) return versions.slice(-1);
  return versions.slice(Math.max(0, later - 1));
}

/** The server's answer to a write of `saved`'s record by its device, sent after the save. */
export function answersAfter(saved: SavedValue, sent: readonly Sent[]): { q: Sent; answer: Fields }[] {
  return sent.flatMap((q) => {
    const answer = q.response?.data?.[q.field];
    const mine = q.client === saved.client && q.sentAt >= saved.at && q.field.endsWith(saved.model);
    return mine && answer && String(q.variables.input['id']) === saved.id ? [{ q, answer }] : [];
  });
}

type Review = NonNullable<ClientEvents['reviews']>['list'][number];

/**
 * Whether the device's user was told, in the review list the app shows: an entry filed after `at`
 * that `names` matches, and one still in the list (the user can restore what it holds).
 */
function reviewed(
  saved: Omit<SavedValue, 'name' | 'value'>,
  events: readonly ClientEvents[],
  names: (entry: Review) => boolean,
) {
  const reviews = events[saved.client]?.reviews;
  const about = (entry: Review) => entry.model === saved.model && entry.recordId === saved.id && names(entry);
  return Boolean(reviews?.filings.some(({ at, entry }) => at >= saved.at && about(entry)) && reviews.list.some(about));
}

/**
 * Whether the device told its user that this value did not stay: a review entry filed after the
 * save names the record, the field and the value, so the user can restore it. Its conflict or
 * error handler merely seeing a write that carried it tells the user nothing. A list the entry
 * offers to restore is judged as a server version is (holdsList): the server's list with the
 * user's edit applied again holds what they meant, items other devices added beside it.
 */
export function told(saved: SavedValue, events: readonly ClientEvents[]): boolean {
  const holding = (fields: Fields) =>
    saved.name in fields && holdsList(field(fields, saved.name), saved.value, saved.base);
  return reviewed(saved, events, (entry) => holding(entry.mine)) || toldAsTaken(saved, events, holding);
}

/**
 * Whether the device told its user that a refused delete of the record's parent took it along (a
 * job its notes, a site its jobs and their notes, by DataStore's local cascade): the entry of that
 * delete, filed after the save and still listed, names the record with the value, to restore it.
 */
function toldAsTaken(saved: SavedValue, events: readonly ClientEvents[], holding: (fields: Fields) => boolean) {
  const reviews = events[saved.client]?.reviews;
  const takes = (entry: Review) =>
    entry.children?.some((child) => child.model === saved.model && child.id === saved.id && holding(child.fields)) ??
    false;
  return Boolean(reviews?.filings.some(({ at, entry }) => at >= saved.at && takes(entry)) && reviews.list.some(takes));
}

/** Whether the device deleted the record after the save and the server acknowledged the delete. */
export function deletedAfter(saved: Omit<SavedValue, 'name' | 'value'>, sent: readonly Sent[]): boolean {
  return answersAfter({ ...saved, name: 'id', value: saved.id }, sent).some(
    ({ q, answer }) => q.field === `delete${saved.model}` && answer['_deleted'] === true,
  );
}

/** Whether the device told its user, after `at`, that the server would not take its delete of the record. */
export function toldOfRefusedDelete(
  saved: Omit<SavedValue, 'name' | 'value'>,
  events: readonly ClientEvents[],
): boolean {
  return reviewed(saved, events, (entry) => entry.operation === 'delete');
}
