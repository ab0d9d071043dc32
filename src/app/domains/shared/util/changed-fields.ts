/**
 * The entries of `changes` that really differ from `current`.
 *
 * DataStore sends an update with every field that was assigned, and a merge on the server treats
 * each sent field as the user's edit. A form that re-assigns untouched fields (an empty assignee
 * as null over a missing one) would then overwrite another device's edit to them during a merge.
 */
export function changedFields<T extends object>(current: T, changes: Partial<T>): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(changes) as (keyof T)[]) {
    if (!sameValue(current[key], changes[key])) changed[key] = changes[key];
  }
  return changed;
}

/** Deep equality of field values, whatever the key order; null, undefined and [] all mean "empty". */
export function sameValue(left: unknown, right: unknown): boolean {
  if (left === right || (isEmpty(left) && isEmpty(right))) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
  }
  if (isRecord(left) && isRecord(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => sameValue(left[key], right[key]));
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}
