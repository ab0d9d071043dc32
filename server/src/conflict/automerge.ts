/**
 * AppSync's Auto Merge rules, applied when an update arrives with a stale `_version`:
 * scalars keep the server value, lists are concatenated (duplicates kept), fields that are new or
 * null on the server take the incoming value, and maps merge per key with the same rules.
 */
type Fields = Record<string, unknown>;

function isMap(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(server: unknown, incoming: unknown): unknown {
  if (server === undefined || server === null) return incoming;
  if (Array.isArray(server) && Array.isArray(incoming)) return [...server, ...incoming];
  if (isMap(server) && isMap(incoming)) return mergeMaps(server, incoming);
  return server;
}

function mergeMaps(server: Fields, incoming: Fields): Fields {
  const merged: Fields = { ...server };
  for (const [key, value] of Object.entries(incoming)) merged[key] = mergeValue(server[key], value);
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

/** `jsonFields` hold AWSJSON strings; AppSync stores them as maps, so they merge per key too. */
export function autoMerge(server: Fields, incoming: Fields, jsonFields: ReadonlySet<string>): Fields {
  const merged: Fields = { ...server };
  for (const [field, value] of Object.entries(incoming)) {
    const serverMap = jsonFields.has(field) ? parseJsonMap(server[field]) : undefined;
    const incomingMap = jsonFields.has(field) ? parseJsonMap(value) : undefined;
    merged[field] =
      serverMap && incomingMap ? JSON.stringify(mergeMaps(serverMap, incomingMap)) : mergeValue(server[field], value);
  }
  return merged;
}
