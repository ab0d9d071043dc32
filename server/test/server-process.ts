/**
 * The server in its own process, so a test can SIGKILL it mid-write or time it from outside.
 * Args: dbPath schemaFile apiKey (an empty schemaFile: the committed schema).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer } from '../src/server.ts';

const [dbPath = '', schemaFile = '', apiKey = ''] = process.argv.slice(2);
const server = await startServer({
  port: 0,
  dbPath,
  apiKey,
  staticDir: join(tmpdir(), 'fieldbook-no-app'),
  ...(schemaFile ? { schemaSdl: readFileSync(schemaFile, 'utf8') } : {}),
});
process.send?.({ port: server.port });
