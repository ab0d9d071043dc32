import Database from 'better-sqlite3';

import type { DataStoreClient } from '../test/client-process.ts';
import { content } from './canonical.ts';
import { at, MODELS } from './ops.ts';
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

/** Differences between what a client holds and the server's live records; empty when they agree. */
export async function differences(client: DataStoreClient, live: Map<string, string>): Promise<string[]> {
  const local = new Map<string, string>();
  for (const model of MODELS) {
    for (const record of await client.query(model)) {
      local.set(`${model}:${String(record['id'])}`, `${String(record['_version'])} ${content(record)}`);
    }
  }
  const keys = new Set([...local.keys(), ...live.keys()]);
  return [...keys]
    .filter((key) => local.get(key) !== live.get(key))
    .map((key) => `${key}: device ${local.get(key) ?? 'missing'}, server ${live.get(key) ?? 'missing'}`);
}
