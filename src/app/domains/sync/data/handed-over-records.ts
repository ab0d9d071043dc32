import { type RecordRef } from './scope-eviction-store';

/**
 * The records handovers name, with everything on them, as DataStore's database holds them: a site
 * with its jobs (by siteID), a job with its notes and photos (by jobID) and each one's history (by
 * recordID). Each is said to be no newer than its handover (this device's copy is the one from
 * before the move, or an edit of it), or newer: changed on the server after the handover (moved
 * back), or work of the old crew that reached the server after it, or not yet sent at all.
 */

type Row = Readonly<Record<string, unknown>>;

/** A record under a handed-over one, with the handover it is under (the latest, if several). */
export interface HandedOverRecord extends RecordRef {
  /** No newer than its handover: the device's copy is from before the move. */
  readonly stale: boolean;
  /** The server has answered for it at least once: it has a version. */
  readonly answered: boolean;
  /** Its version as this device holds it (0 before the first answer). */
  readonly version: number;
  /** Its crew group as this device holds it. */
  readonly crewGroup: unknown;
  /** The group of the crew the handover left, and the crew that has the record now. */
  readonly fromGroup: string | null;
  readonly toCrewID: string | null;
  /** The record it is on (`model:id`), when it is under the named one. */
  readonly parent: string | null;
}

/**
 * Whether a record is work of the crew a handover left, done after the move or not yet sent: it
 * still carries that crew's scope and is newer than the handover (or has never been answered).
 */
export const isStray = (record: HandedOverRecord): boolean =>
  record.fromGroup !== null && record.crewGroup === record.fromGroup && (!record.answered || !record.stale);

const HANDOVERS = 'user_Handover';
/** Where each model's records name the record they are on. */
const CHILDREN: readonly { readonly model: string; readonly key: string; readonly parent: string }[] = [
  { model: 'Job', key: 'siteID', parent: 'Site' },
  { model: 'FieldNote', key: 'jobID', parent: 'Job' },
  { model: 'Attachment', key: 'jobID', parent: 'Job' },
  { model: 'ChangeLogEntry', key: 'recordID', parent: 'Job' },
  { model: 'ChangeLogEntry', key: 'recordID', parent: 'Site' },
];

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

const changedAt = (row: Row): number => (typeof row['_lastChangedAt'] === 'number' ? row['_lastChangedAt'] : 0);
/** A record's version as stored here; 0 before the server first answered for it. */
export const versionOf = (row: Row): number => (typeof row['_version'] === 'number' ? row['_version'] : 0);
/**
 * Whether the named record's copy here is newer than the move its handover tells of. A handover
 * that carries the version the move made is judged by it alone: it may reach the server long after
 * the move (written once the move was answered, by a device that went offline), after the record
 * was moved back, and its own time says nothing of the record's. One from before it was kept is
 * judged by the two server times.
 */
function newerThan(named: Row, handover: Row): boolean {
  const version = handover['recordVersion'];
  if (typeof version === 'number') return versionOf(named) > version;
  return changedAt(named) > changedAt(handover) && changedAt(handover) > 0;
}
/** Whether `row` of `model` is the record a handover names, and the handover says which version it left at. */
const isNamedIn = (handover: Row, model: string, row: Row): boolean =>
  typeof handover['recordVersion'] === 'number' &&
  handover['recordModel'] === model &&
  handover['recordID'] === row['id'];
const key = (model: string, id: unknown) => `${model}:${String(id)}`;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The records of `models` under the device's handovers, read in one transaction. */
export async function handedOverRecords(db: IDBDatabase, models: readonly string[]): Promise<HandedOverRecord[]> {
  const stores = [HANDOVERS, ...models.map((model) => `user_${model}`)].filter((name) =>
    db.objectStoreNames.contains(name),
  );
  if (!stores.includes(HANDOVERS)) return [];
  const txn = db.transaction(stores, 'readonly');
  const read = async (model: string): Promise<Row[]> =>
    stores.includes(`user_${model}`) ? ((await done(txn.objectStore(`user_${model}`).getAll())) as Row[]) : [];
  const handovers = ((await done(txn.objectStore(HANDOVERS).getAll())) as Row[]).filter((row) => !row['_deleted']);
  if (handovers.length === 0) return [];
  const rows = new Map(await Promise.all(models.map(async (model) => [model, await read(model)] as const)));
  // What each record is under, by id: the named record need not be here any more (gone at an earlier
  // handling) for what was made on it since to be found.
  const under = new Map<string, Row>();
  const place = (ref: string, handover: Row) => {
    const known = under.get(ref);
    if (!known || changedAt(handover) > changedAt(known)) under.set(ref, handover);
  };
  for (const handover of handovers) {
    const model = String(handover['recordModel']);
    // Changed on the server since (moved back to this crew): the handover no longer holds.
    const named = rows.get(model)?.find((row) => row['id'] === handover['recordID']);
    if (named && newerThan(named, handover)) continue;
    place(key(model, handover['recordID']), handover);
  }
  // Parents before children (the list's order): a site's jobs are placed before their notes.
  const parents = new Map<string, string>();
  for (const { model, key: field, parent } of CHILDREN) {
    for (const row of rows.get(model) ?? []) {
      const handover = under.get(key(parent, row[field]));
      if (!handover) continue;
      place(key(model, row['id']), handover);
      parents.set(key(model, row['id']), key(parent, row[field]));
    }
  }
  return models.flatMap((model) =>
    (rows.get(model) ?? []).flatMap((row) => {
      const handover = under.get(key(model, row['id']));
      if (!handover) return [];
      return [
        {
          model,
          id: String(row['id']),
          stale: isNamedIn(handover, model, row)
            ? versionOf(row) <= Number(handover['recordVersion'])
            : changedAt(row) <= changedAt(handover),
          answered: typeof row['_version'] === 'number',
          version: versionOf(row),
          crewGroup: row['crewGroup'],
          fromGroup: text(handover['crewGroup']),
          toCrewID: text(handover['toCrewID']),
          parent: parents.get(key(model, row['id'])) ?? null,
        },
      ];
    }),
  );
}
