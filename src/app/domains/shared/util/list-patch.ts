/** What a live list shows: the records its query's predicate admits, in its sort order. */
export interface ListShape<T> {
  /** Mirrors the query's DataStore predicate. */
  matches(item: T): boolean;
  /** Mirrors the query's DataStore sort. */
  compare(a: T, b: T): number;
}

export interface Identified {
  readonly id: string;
}

/**
 * More changed records than this at once (a sync page landing) are cheaper to take in with one
 * re-query than with one read per record.
 */
export const BURST_SIZE = 25;

/** How to bring a list up to date with `changed` distinct records. */
export function planUpdate(changed: number, haveList: boolean): 'patch' | 'requery' {
  return !haveList || changed > BURST_SIZE ? 'requery' : 'patch';
}

/** The position after every item that sorts before or equal to `item` (binary search). */
export function sortedIndex<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as T, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The list with record `id` brought up to date: `current` is the record as stored now, or undefined
 * once it is deleted. A record that no longer matches leaves the list; one that does is placed at
 * its sorted position (moved if its sort field changed). The input list is never mutated.
 */
export function patchList<T extends Identified>(
  list: readonly T[],
  id: string,
  current: T | undefined,
  shape: ListShape<T>,
  known?: { readonly held: T | undefined },
): readonly T[] {
  const at = positionOf(list, id, shape.compare, known);
  if ((!current || !shape.matches(current)) && at < 0) return list;
  // One copy of the list (50,000 rows: well under a millisecond), then moves within it.
  const next = [...list];
  if (at >= 0) next.splice(at, 1);
  if (current && shape.matches(current)) next.splice(sortedIndex(next, current, shape.compare), 0, current);
  return next;
}

/**
 * Where record `id` is in the sorted list, or -1. `known.held` is the record as the list holds it
 * (undefined: not in the list), so it is found by binary search among its equals; without it, the
 * list is scanned (50,000 rows: several milliseconds).
 */
function positionOf<T extends Identified>(
  list: readonly T[],
  id: string,
  compare: (a: T, b: T) => number,
  known: { readonly held: T | undefined } | undefined,
): number {
  if (known && !known.held) return -1;
  if (known?.held) {
    const held = known.held;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(list[middle] as T, held) < 0) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < list.length && compare(list[i] as T, held) === 0; i++) if (list[i] === held) return i;
  }
  return list.findIndex((item) => item.id === id);
}

/** One record of a patch: its id and the record as stored now, or undefined once it is gone. */
export interface ListChange<T> {
  readonly id: string;
  readonly current: T | undefined;
}

interface Patched {
  readonly previous: readonly unknown[];
  readonly changes: readonly ListChange<unknown>[];
}

/** Which list each patched list came from and what was patched in, so a consumer can apply only that. */
const patchedLists = new WeakMap<readonly unknown[], Patched>();
/** Past this many patches in a row a consumer that missed them is better off starting over. */
const MAX_PATCH_CHAIN = 64;

/**
 * `patchList` for several distinct records at once; the result remembers `list` and the changes
 * (`changesSince`).
 */
export function patchRecords<T extends Identified>(
  list: readonly T[],
  changes: readonly ListChange<T>[],
  shape: ListShape<T>,
  held?: ReadonlyMap<string, T>,
): readonly T[] {
  // `held`: the list's records by id, when the caller keeps them (each change is a different record).
  const next = changes.reduce(
    (patched, { id, current }) => patchList(patched, id, current, shape, held && { held: held.get(id) }),
    list,
  );
  // As the list holds them: a record that stopped matching has left it.
  const effective = changes.map(({ id, current }) => ({
    id,
    current: current && shape.matches(current) ? current : undefined,
  }));
  if (next !== list) patchedLists.set(next, { previous: list, changes: effective });
  return next;
}

/**
 * The records patched into `list` since `base` (several patches in a row collapse, the latest
 * version of each record winning), or undefined when `list` did not come from `base` by patches
 * (a re-query, or a list from elsewhere): then only a full pass over `list` can tell.
 */
export function changesSince<T>(list: readonly T[], base: readonly T[]): readonly ListChange<T>[] | undefined {
  const steps: (readonly ListChange<unknown>[])[] = [];
  let at: readonly unknown[] = list;
  while (at !== base) {
    const patched = patchedLists.get(at);
    if (!patched || steps.length >= MAX_PATCH_CHAIN) return undefined;
    steps.push(patched.changes);
    at = patched.previous;
  }
  const latest = new Map<string, ListChange<unknown>>();
  for (const changes of steps.reverse()) for (const change of changes) latest.set(change.id, change);
  return [...latest.values()] as ListChange<T>[];
}

type SortKey = string | number | null | undefined;

/** Ascending comparison the way DataStore sorts a field (plain `<` and `>`), for `compare` functions. */
export function ascending<T>(key: (item: T) => SortKey): (a: T, b: T) => number {
  return (a, b) => {
    // DataStore compares with `<` / `>` whatever the values are; so does this.
    const x = key(a) as number;
    const y = key(b) as number;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

export function descending<T>(key: (item: T) => SortKey): (a: T, b: T) => number {
  const up = ascending(key);
  return (a, b) => up(b, a);
}
