import Database from 'better-sqlite3';

import type { DataStoreClient } from '../test/client-process.ts';
import { content } from './canonical.ts';
import { at, SYNCED_MODELS } from './ops.ts';
import type { Stored } from './oracle.ts';

/** Every version of every record, read straight from the server's SQLite file. */
export function readHistory(dbPath: string): Map<string, Stored[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT model, id, data FROM record_versions ORDER BY model, id, version').all() as {
      model: string;
      id: string;
      data: string;
    }[];
    const history = new Map<string, Stored[]>();
    for (const row of rows) {
      const key = `${row.model}:${row.id}`;
      history.set(key, [...(history.get(key) ?? []), JSON.parse(row.data) as Stored]);
    }
    for (const [key, versions] of history) {
      if (versions.some((v, i) => v._version !== i + 1))
        throw new Error(`${key}: versions are not 1..${versions.length}`);
    }
    return history;
  } finally {
    db.close();
  }
}

/** The live (not deleted) records as `Model:id` → content and version. */
export function liveRecords(history: Map<string, Stored[]>): Map<string, string> {
  const live = new Map<string, string>();
  for (const [key, versions] of history) {
    const last = at(versions, versions.length - 1);
    if (!last._deleted) live.set(key, `${last._version} ${content(last)}`);
  }
  return live;
}

/**
 * Differences between what a client holds and the server's live records; empty when they agree.
 * `keptForReview`: records the server never took (a create refused for permissions) that the device
 * keeps until its user decides in the review list, as the app does.
 */
export async function differences(
  client: DataStoreClient,
  live: Map<string, string>,
  keptForReview: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const local = new Map<string, string>();
  for (const model of SYNCED_MODELS) {
    for (const record of await client.query(model)) {
      local.set(`${model}:${String(record['id'])}`, `${String(record['_version'])} ${content(record)}`);
    }
  }
  const keys = new Set([...local.keys(), ...live.keys()]);
  return [...keys]
    .filter((key) => local.get(key) !== live.get(key) && !(keptForReview.has(key) && !live.has(key)))
    .map((key) => `${key}: device ${local.get(key) ?? 'missing'}, server ${live.get(key) ?? 'missing'}`);
}

export type ClientEvents = Awaited<ReturnType<DataStoreClient['events']>>;

/**
 * Writes DataStore gave up on, as its errorHandler heard of them: `mutate`, or `sync` from a
 * mutation's retry loop (no operation; a failed sync page has operation null). Two are expected: a
 * create whose first answer was lost (the server already holds it), and an edit saved just as a
 * remote delete removed the record, which DataStore sends as a create of the changed fields.
 */
export function droppedWrites(events: ClientEvents[], history: Map<string, Stored[]>): string[] {
  const deleted = (id: unknown) =>
    [...history].some(([key, versions]) => key.endsWith(`:${String(id)}`) && versions.some((v) => v._deleted));
  return events.flatMap(({ hub }, i) =>
    hub
      .filter(
        (e) => e.event === 'errorHandler' && (e.data['process'] === 'mutate' || e.data['operation'] === undefined),
      )
      // Refused for permissions: each is judged against the device's review list (refusal-oracle.ts).
      .filter((e) => e.data['errorType'] !== 'Unauthorized')
      .filter((e) => !String(e.data['message']).includes('conditional request failed'))
      .filter(
        (e) => !(e.data['operation'] === 'Create' && deleted((e.data['localModel'] as { id?: unknown } | null)?.id)),
      )
      .map(
        (e) =>
          `client ${i} errorHandler: ${String(e.data['message'])} ${JSON.stringify(e.data['cause']).slice(0, 400)}`,
      ),
  );
}
