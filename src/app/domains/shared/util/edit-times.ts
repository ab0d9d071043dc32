type Fields = Readonly<Record<string, unknown>>;

/**
 * A Job's `fieldEditedAt` (AWSJSON) as the app writes it: field → ISO time the user saved it, and
 * under `_values` a fingerprint of the value each field held when the app last wrote the record.
 * Other AppSync clients write without edit times; a stored value that no longer matches its
 * fingerprint was changed by one of them, at the latest when the server stored that version
 * (`_lastChangedAt`). The Job conflict handler reads it the same way
 * (amplify/backend/function/fieldbookJobConflictHandler).
 */
export interface EditTimes {
  readonly times: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string>>;
}

const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', '__typename', 'fieldEditedAt']);

export function readEditTimes(value: unknown): EditTimes {
  return editTimesIn(asRecord(parse(value)));
}

function editTimesIn(map: Readonly<Record<string, unknown>>): EditTimes {
  const times = Object.entries(map).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { times: Object.fromEntries(times), values: stringsIn(map['_values']) };
}

/** FNV-1a over the value's JSON, as the handler computes it; lists and objects are merged, not timed. */
export function fingerprint(value: unknown): string | undefined {
  if (value !== null && value !== undefined && !['string', 'number', 'boolean'].includes(typeof value)) return;
  const text = JSON.stringify(value ?? null);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * When each field of a stored record was last changed (ISO), where that is known: its edit time
 * while its value is the one the time belongs to, else the moment the server stored the record.
 */
export function lastChangeTimes(record: Fields): Record<string, string> {
  return changeTimesOf(record, readEditTimes(record['fieldEditedAt']));
}

function changeTimesOf(record: Fields, { times, values }: EditTimes): Record<string, string> {
  const changedAt = record['_lastChangedAt'];
  const storedAt = typeof changedAt === 'number' ? new Date(changedAt).toISOString() : undefined;
  const result: Record<string, string> = {};
  for (const field of new Set([...Object.keys(times), ...Object.keys(values)])) {
    const recorded = values[field];
    const time = recorded === undefined || recorded === fingerprint(record[field]) ? times[field] : storedAt;
    if (time !== undefined) result[field] = time;
  }
  return result;
}

/**
 * The `fieldEditedAt` to save with an edit of the stored `record` that sets `changed` at `iso`:
 * each changed field's time, every field's fingerprint as saved, and under `_base` the
 * fingerprints of the values the user changed, so the handler can tell whether someone else
 * changed them since, even on a record no app has stamped yet.
 */
export function stampEditTimes(record: Fields, changed: Fields, iso: string): string {
  const stored = asRecord(parse(record['fieldEditedAt']));
  const times = changeTimesOf(record, editTimesIn(stored));
  const values: Record<string, string | undefined> = {};
  for (const [field, value] of Object.entries(record)) {
    if (!field.startsWith('_') && !BOOKKEEPING.has(field)) values[field] = fingerprint(value);
  }
  const base: Record<string, string | undefined> = {};
  const version = record['_version'] ?? null;
  // An earlier save of this version is still waiting to be sent, and DataStore sends both as one
  // write: the lists it changed are judged from the list it started from, not from its result.
  const unsent = unsentBaseItems(stored, version);
  const lists: Record<string, unknown> = { ...unsent };
  for (const [field, value] of Object.entries(changed)) {
    times[field] = iso;
    values[field] = fingerprint(value);
    base[field] = fingerprint(record[field]);
    if (Array.isArray(value)) lists[field] ??= listItemFingerprints(record[field]);
  }
  const stamped = { ...times, _values: values, _base: base };
  if (Object.keys(lists).length === 0) return JSON.stringify(stamped);
  return JSON.stringify({ ...stamped, _baseItems: { ...lists, _version: version } });
}

/** The list fingerprints an unsent save of `version` recorded; none once the server has answered it. */
function unsentBaseItems(stored: Readonly<Record<string, unknown>>, version: unknown): Record<string, unknown> {
  const recorded = asRecord(stored['_baseItems']);
  if (recorded['_version'] !== version) return {};
  return Object.fromEntries(Object.entries(recorded).filter(([field]) => field !== '_version'));
}

/** A list entry's fingerprint: a tag's own, or a checklist item's field by field. */
export type ItemFingerprint = string | Readonly<Record<string, string>>;

/**
 * The fingerprint of each entry of a list (tags, checklist items) by its key, as the Job conflict
 * handler computes them: sent with an edit of the list, they let the handler apply only what the
 * user added, changed or removed, so a stale copy of the other entries changes nothing.
 */
export function listItemFingerprints(list: unknown): Record<string, ItemFingerprint> {
  const entries = Array.isArray(list) ? (list as unknown[]) : [];
  return Object.fromEntries(entries.map((item) => [itemKey(item), itemFingerprint(item)]));
}

function itemKey(item: unknown): string {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  if (typeof id === 'string') return `id:${id}`;
  return typeof item === 'string' ? `tag:${item}` : JSON.stringify(item);
}

/** Empty fields are left out: DynamoDB drops a null field where the device keeps it. */
function itemFingerprint(item: unknown): ItemFingerprint {
  if (typeof item !== 'object' || item === null) {
    return fingerprint(typeof item === 'string' ? item : JSON.stringify(item)) ?? '';
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name === 'id' || value === null || value === undefined) continue;
    fields[name] = fingerprint(typeof value === 'object' ? JSON.stringify(value) : value) ?? '';
  }
  return fields;
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringsIn(value: unknown): Record<string, string> {
  const entries = Object.entries(asRecord(value)).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return Object.fromEntries(entries);
}
