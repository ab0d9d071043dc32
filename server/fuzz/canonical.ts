/** Record comparison that ignores what the wire or the device may legitimately change. */
type Fields = Record<string, unknown>;

const METADATA = new Set(['_version', '_lastChangedAt', '_deleted', 'createdAt', 'updatedAt', '__typename']);
/** belongsTo selections (`job { id _deleted }`) are resolved, not stored. */
const RELATIONS = new Set(['site', 'job', 'notes', 'jobs']);
/** AWSJSON travels as a string and is parsed on the device (a history entry's `fields` and `previous` too). */
export const JSON_FIELDS = new Set(['attributes', 'fieldEditedAt', 'fields', 'previous']);

export function parseJsonFields(record: Fields): Fields {
  const parsed: Fields = { ...record };
  for (const field of JSON_FIELDS) {
    if (typeof parsed[field] === 'string') parsed[field] = JSON.parse(parsed[field]) as unknown;
  }
  return parsed;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Fields)
    .filter(([, v]) => v !== null && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}

/** The user-visible content of a record (no metadata, JSON parsed, nulls dropped) as one string. */
export function content(record: Fields): string {
  const fields = Object.entries(parseJsonFields(record)).filter(([k]) => !METADATA.has(k) && !RELATIONS.has(k));
  return JSON.stringify(sorted(Object.fromEntries(fields)));
}

/**
 * The values a write or a record holds that a person typed: no id, metadata or edit times (the
 * review list shows none of them), JSON parsed.
 */
export function typedValues(record: Fields): Fields {
  const typed = Object.entries(parseJsonFields(record)).filter(
    ([k]) => !METADATA.has(k) && !RELATIONS.has(k) && k !== 'id' && k !== 'fieldEditedAt',
  );
  return Object.fromEntries(typed);
}

export function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(sorted(left)) === JSON.stringify(sorted(right));
}

export function isMap(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** AppSync Auto Merge for one field, as specified (see README "Conflicts"), three-way against `base`. */
export function expectedMerge(server: unknown, incoming: unknown, base: unknown, hasBase: boolean): unknown {
  if (hasBase && sameValue(server, base)) return incoming;
  if (server === undefined || server === null) return incoming;
  if (Array.isArray(server) && Array.isArray(incoming)) return [...server, ...incoming];
  if (isMap(server) && isMap(incoming)) {
    const merged: Fields = { ...server };
    const baseMap = isMap(base) ? base : undefined;
    for (const [key, value] of Object.entries(incoming)) {
      merged[key] = expectedMerge(server[key], value, baseMap?.[key], hasBase && baseMap !== undefined);
    }
    return merged;
  }
  return server;
}
