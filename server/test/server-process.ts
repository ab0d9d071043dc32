/**
 * The server in its own process, so a test can SIGKILL it mid-write or time it from outside.
 * Args: dbPath schemaFile apiKey [publicUrl] (an empty schemaFile: the committed schema; publicUrl: the
 * address devices reach it at, when that is a front of its own).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer } from '../src/server.ts';

const [dbPath = '', schemaFile = '', apiKey = '', publicUrl] = process.argv.slice(2);
const server = await startServer({
  port: 0,
  dbPath,
  apiKey,
  staticDir: join(tmpdir(), 'fieldbook-no-app'),
  ...(schemaFile ? { schemaSdl: readFileSync(schemaFile, 'utf8') } : {}),
  ...(publicUrl ? { publicUrl } : {}),
});
process.send?.({ port: server.port });
