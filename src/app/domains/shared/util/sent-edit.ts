import { sameValue } from './changed-fields';

/** The values a user saved for one record's fields, waiting to be compared with what the server kept. */
export interface SentEdit {
  readonly model: string;
  readonly recordId: string;
  /**
   * Field → the value the user saved last and when (ISO, server-corrected), and the value the field
   * held before the first of these saves, when known. For a list, `base` also holds every item an
   * earlier of these saves showed: an item added in one save and removed in the next was removed by
   * the user, though the list held it before neither answer came.
   */
  readonly fields: Readonly<Record<string, { readonly value: unknown; readonly at: string; readonly base?: unknown }>>;
  /**
   * The record's own fields as the user last saved it: should the server's answer be lost with the
   * tab that got it, and the record be deleted, this is the copy the user can bring back.
   */
  readonly record?: Readonly<Record<string, unknown>>;
}

/** Every record's sent edit, keyed `Model:id`, least recently edited first. */
export type SentEdits = Map<string, SentEdit>;

/**
 * Notes fields the user saved on top of what was saved for the record before; `bases`, what they
 * held before; `record`, the whole record as saved.
 */
export function noteEdit(
  all: SentEdits,
  model: string,
  recordId: string,
  fields: Readonly<Record<string, unknown>>,
  at: string,
  bases: Readonly<Record<string, unknown>> = {},
  record?: Readonly<Record<string, unknown>>,
): void {
  const key = `${model}:${recordId}`;
  const previous = all.get(key)?.fields ?? {};
  const added = Object.fromEntries(
    Object.entries(fields).map(([field, value]) => {
      const earlier = previous[field];
      const base = earlier ? widenedBase(earlier.base, earlier.value) : bases[field];
      return [field, { value: value ?? null, at, ...(base === undefined ? {} : { base }) }] as const;
    }),
  );
  // Re-inserted last, so the records least recently edited are the first to go when over a limit.
  all.delete(key);
  all.set(key, { model, recordId, fields: { ...previous, ...added }, ...(record ? { record } : {}) });
}

/** A list's base with the items an earlier save showed added, so their later removal is known. */
function widenedBase(base: unknown, saved: unknown): unknown {
  if (!Array.isArray(saved)) return base;
  const items: unknown[] = Array.isArray(base) ? [...base] : [];
  for (const item of saved) if (!items.some((known) => sameValue(known, item))) items.push(item);
  return items;
}

/** Removes and returns what was saved for the record. */
export function takeEdit(all: SentEdits, model: string, recordId: string): SentEdit | undefined {
  const key = `${model}:${recordId}`;
  const found = all.get(key);
  all.delete(key);
  return found;
}
