import { existsSync } from 'node:fs';

import Database from 'better-sqlite3';

/**
 * Copies the database with SQLite's online backup API: the copy is consistent as of one moment,
 * and the server keeps serving (reads and writes) while it is made.
 */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file so no backup is overwritten`);
  const db = new Database(source, { fileMustExist: true });
  try {
    const { totalPages } = await db.backup(target);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}
