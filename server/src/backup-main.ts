/**
 * `npm run backup -- FILE`: an online backup of the server's database (FIELDBOOK_DB) into FILE, and
 * of its object files into FILE.objects.
 */
import { resolve } from 'node:path';

import { backupServer } from './backup.ts';
import { readConfig } from './config.ts';

const [target] = process.argv.slice(2);
if (!target) {
  console.error('usage: npm run backup -- FILE   (backs up FIELDBOOK_DB, default .data/fieldbook.sqlite)');
  process.exit(2);
}
const { dbPath } = readConfig(process.env, []);
try {
  const { pages, files, bytes } = await backupServer(dbPath, resolve(target));
  console.log(
    `backed up ${dbPath} to ${resolve(target)} (${pages} pages) and ${files} object files (${bytes} bytes) to ${resolve(target)}.objects`,
  );
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
