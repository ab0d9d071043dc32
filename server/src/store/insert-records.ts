import type { SqliteStore, StoredRecord } from './sqlite-store.ts';

type Fields = Record<string, unknown> & { id: string };

/** Inserts records as version 1 with full metadata (rows without it break every sync page). */
export function insertRecords(store: SqliteStore, model: string, records: Fields[]): void {
  store.transaction(() => {
    for (const fields of records) {
      const now = store.now();
      const iso = new Date(now).toISOString();
      const record: StoredRecord = {
        createdAt: iso,
        updatedAt: iso,
        ...fields,
        _version: 1,
        _lastChangedAt: now,
        _deleted: null,
      };
      store.put(model, record);
    }
  });
}
