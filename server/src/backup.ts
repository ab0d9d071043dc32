import { existsSync } from 'node:fs';

import { backupObjectFiles } from './objects/object-backup.ts';
import { objectsDirFor } from './objects/object-store.ts';
import { backupDatabase } from './store/backup.ts';

/**
 * The backup command's work: the database (online, consistent as of one moment) into `target`,
 * then the object files that moment names into `<target>.objects`. Refuses to overwrite either.
 */
export async function backupServer(
  dbPath: string,
  target: string,
): Promise<{ pages: number; files: number; bytes: number }> {
  if (existsSync(objectsDirFor(target))) throw new Error(`${objectsDirFor(target)} exists; choose a new backup name`);
  const { pages } = await backupDatabase(dbPath, target);
  return { pages, ...backupObjectFiles(dbPath, target) };
}
