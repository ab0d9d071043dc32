import { type RecordRef } from './scope-eviction-store';

/**
 * The records handovers name, with everything on them, as DataStore's database holds them: a site
 * with its jobs (by siteID), a job with its notes and photos (by jobID) and each one's history (by
 * recordID). A record changed on the server after its handover came back to this device's crew (it
 * was moved back) and stays: only a record no newer than the handover goes.
 */

type Row = Readonly<Record<string, unknown>>;

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

/** The records of `models` the device's handovers name, read in one transaction. */
export async function handedOverRecords(db: IDBDatabase, models: readonly string[]): Promise<RecordRef[]> {
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
  // Each record goes when its handover (or the one of what it is on) is at least as new as it.
  const until = new Map<string, number>();
  const key = (model: string, id: unknown) => `${model}:${String(id)}`;
  const mark = (model: string, row: Row, at: number) => {
    if (changedAt(row) > at) return;
    const ref = key(model, row['id']);
    until.set(ref, Math.max(until.get(ref) ?? 0, at));
  };
  for (const handover of handovers) {
    const model = String(handover['recordModel']);
    const record = rows.get(model)?.find((row) => row['id'] === handover['recordID']);
    if (record) mark(model, record, changedAt(handover));
  }
  // Parents before children (the list's order): a site's jobs are marked before their notes.
  for (const { model, key: field, parent } of CHILDREN) {
    for (const row of rows.get(model) ?? []) {
      const at = until.get(key(parent, row[field]));
      if (at !== undefined) mark(model, row, at);
    }
  }
  return [...until.keys()].map((ref) => {
    const [model = '', ...id] = ref.split(':');
    return { model, id: id.join(':') };
  });
}
