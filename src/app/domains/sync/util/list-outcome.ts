import { sameValue } from '../../shared/util/changed-fields';

/** A list item the user removed that the server's list still holds. */
export interface RemovalKept {
  /** The item as the user last saw it before removing it. */
  readonly removed: unknown;
  /** The item as the server holds it (another device may have edited it). */
  readonly now: unknown;
}

/** What a merge on the server did with the user's edit of one list (tags, checklist). */
export interface ListOutcome {
  /** Items the user removed that the server's list still holds. */
  readonly removalsKept: readonly RemovalKept[];
  /** Items the user added or changed that the server's list does not hold as they saved them. */
  readonly editsLost: readonly unknown[];
  /** The server's list with the user's edit applied again: what restoring their edit saves. */
  readonly restored: readonly unknown[];
}

/**
 * Compares the list the user saved (`mine`, edited from `base`) with the server's list. Items are
 * matched by id where they have one (checklist items), so an item removed here and edited on
 * another device is still the item the user removed; an item the user left as it was in `base` is
 * not theirs to judge (another device may have ticked it).
 */
export function listOutcome(mine: readonly unknown[], base: unknown, server: unknown): ListOutcome {
  const before = asList(base);
  const theirs = asList(server);
  const edits = mine.filter((item) => !before.some((old) => sameValue(old, item)));
  // The base may hold an item twice (renamed in one save, removed in the next): named as last seen.
  const removed = [...before].reverse().filter((item, at, all) => {
    const first = all.findIndex((other) => sameItem(other, item)) === at;
    return first && !mine.some((kept) => sameItem(kept, item));
  });
  const removalsKept = removed.flatMap((item) => {
    const now = theirs.find((other) => sameItem(other, item));
    return now === undefined ? [] : [{ removed: item, now }];
  });
  const editsLost = edits.filter((item) => !theirs.some((other) => sameValue(other, item)));
  return { removalsKept, editsLost, restored: rebaseList(theirs, removed, edits) };
}

/**
 * The user's values with each list rebased onto the record as it is `now`: what changed from the
 * list they were shown against (`from`, the server's when the entry was filed) to theirs is done
 * again to the list as it stands, so items other devices added or edited since stay.
 */
export function reapplyLists(
  fields: Readonly<Record<string, unknown>>,
  from: Readonly<Record<string, unknown>>,
  now: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [
      field,
      Array.isArray(value) ? listOutcome(value, from[field], now[field]).restored : value,
    ]),
  );
}

/** `onto` without the `removed` items, with the `edits` in place of their items or added at the end. */
function rebaseList(onto: readonly unknown[], removed: readonly unknown[], edits: readonly unknown[]): unknown[] {
  const kept = onto
    .filter((item) => !removed.some((gone) => sameItem(gone, item)))
    .map((item) => edits.find((edit) => sameItem(edit, item)) ?? item);
  return [...kept, ...edits.filter((edit) => !kept.some((item) => sameItem(item, edit)))];
}

/** Two entries of a list are the same item when they share an id, or else when they are equal. */
function sameItem(a: unknown, b: unknown): boolean {
  const [idA, idB] = [idOf(a), idOf(b)];
  return idA !== undefined || idB !== undefined ? idA === idB : sameValue(a, b);
}

function idOf(item: unknown): string | undefined {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

const asList = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
