import { closeSync, constants, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { objectsDirFor } from './object-store.ts';

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Completes a database backup with its objects: copies every file the backup's snapshot names
 * from the live folder into the backup's folder (`<backup>.objects`), and drops from the snapshot
 * what a restore cannot use (uploads under way, whose parts are not copied, and retired files).
 * Files a snapshot names outlive it by OBJECT_FILE_GRACE_MS, so the copy finds them while the
 * server keeps serving.
 */
export function backupObjectFiles(sourceDb: string, targetDb: string): { files: number; bytes: number } {
  const from = join(objectsDirFor(sourceDb), 'data');
  const to = join(objectsDirFor(targetDb), 'data');
  if (existsSync(objectsDirFor(targetDb)))
    throw new Error(`${objectsDirFor(targetDb)} exists; choose a new backup name`);
  const db = new Database(targetDb, { fileMustExist: true });
  try {
    const hasObjects = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'objects'").get();
    if (!hasObjects) return { files: 0, bytes: 0 };
    db.exec('DELETE FROM object_parts; DELETE FROM object_uploads; DELETE FROM object_file_garbage;');
    mkdirSync(to, { recursive: true });
    const rows = db.prepare('SELECT file, size FROM objects').all() as { file: string; size: number }[];
    let bytes = 0;
    for (const { file, size } of rows) {
      if (!existsSync(join(from, file))) throw new Error(`the object file ${file} named by the backup is missing`);
      // A copy-on-write clone where the file system offers one, a copy otherwise.
      copyFileSync(join(from, file), join(to, file), constants.COPYFILE_FICLONE);
      fsyncFile(join(to, file));
      bytes += size;
    }
    return { files: rows.length, bytes };
  } finally {
    db.close();
  }
}
