/** `npm run backup -- FILE`: an online backup of the server's database (FIELDBOOK_DB) into FILE. */
import { resolve } from 'node:path';

import { readConfig } from './config.ts';
import { backupDatabase } from './store/backup.ts';

const [target] = process.argv.slice(2);
if (!target) {
  console.error('usage: npm run backup -- FILE   (backs up FIELDBOOK_DB, default .data/fieldbook.sqlite)');
  process.exit(2);
}
const { dbPath } = readConfig(process.env, []);
try {
  const { pages } = await backupDatabase(dbPath, resolve(target));
  console.log(`backed up ${dbPath} to ${resolve(target)} (${pages} pages)`);
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
