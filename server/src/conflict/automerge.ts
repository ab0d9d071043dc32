/**
 * AppSync's Auto Merge, applied when an update arrives with a stale `_version`.
 *
 * A field is in conflict only when the server changed it after the version the device last saw
 * (its `base`), as AppSync merges non-overlapping edits. For conflicting fields AppSync's rules
 * apply: scalars keep the server value, lists are concatenated (duplicates kept), fields that are
 * missing or null on the server take the incoming value, and maps merge per key by the same rules.
 * A field that already holds the incoming value is not in conflict.
 * Without a base (history purged), every incoming field counts as conflicting.
 */
type Fields = Record<string, unknown>;

function isMap(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sameValue(left: unknown, right: unknown): boolean {
  if (left === right || ((left === null || left === undefined) && (right === null || right === undefined))) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
  }
  if (isMap(left) && isMap(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => sameValue(left[key], right[key]));
  }
  return false;
}

function mergeValue(server: unknown, incoming: unknown, base: unknown, hasBase: boolean): unknown {
  if (hasBase && sameValue(server, base)) return incoming;
  // Both sides hold the same value: no conflict. This also makes a resent write (its first answer
  // was lost on the way back, so it arrives with the version it was based on) a no-op instead of
  // appending its list items a second time.
  if (sameValue(server, incoming)) return server;
  if (server === undefined || server === null) return incoming;
  if (Array.isArray(server) && Array.isArray(incoming)) return [...server, ...incoming];
  if (isMap(server) && isMap(incoming)) return mergeMaps(server, incoming, isMap(base) ? base : undefined, hasBase);
  return server;
}

function mergeMaps(server: Fields, incoming: Fields, base: Fields | undefined, hasBase: boolean): Fields {
  const merged: Fields = { ...server };
  for (const [key, value] of Object.entries(incoming)) {
    merged[key] = mergeValue(server[key], value, base?.[key], hasBase && base !== undefined);
  }
  return merged;
}

function parseJsonMap(value: unknown): Fields | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isMap(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `jsonFields` hold AWSJSON strings; AppSync stores them as maps, so they merge per key too.
 * `base` is the record as the device last saw it, when the server still has that version.
 */
export function autoMerge(server: Fields, incoming: Fields, jsonFields: ReadonlySet<string>, base?: Fields): Fields {
  const merged: Fields = { ...server };
  const hasBase = base !== undefined;
  for (const [field, value] of Object.entries(incoming)) {
    const maps = jsonFields.has(field)
      ? { server: parseJsonMap(server[field]), incoming: parseJsonMap(value), base: parseJsonMap(base?.[field]) }
      : undefined;
    if (maps?.server && maps.incoming && !(hasBase && sameValue(maps.server, maps.base))) {
      merged[field] = JSON.stringify(mergeMaps(maps.server, maps.incoming, maps.base, hasBase));
    } else {
      merged[field] = mergeValue(server[field], value, base?.[field], hasBase);
    }
  }
  return merged;
}
