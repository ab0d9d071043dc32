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
): readonly T[] {
  const at = list.findIndex((item) => item.id === id);
  const without = at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
  if (!current || !shape.matches(current)) return without;
  const next = [...without];
  next.splice(sortedIndex(without, current, shape.compare), 0, current);
  return next;
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
