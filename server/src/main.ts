import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { readConfig } from './config.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  const config = readConfig(process.env, process.argv.slice(2));
  const server = await startServer({
    port: config.port,
    host: config.host,
    dbPath: config.dbPath,
    apiKey: config.apiKey,
    staticDir: config.staticDir,
    tombstoneRetentionMs: config.tombstoneRetentionMs,
    seed: config.seed,
    reset: config.reset,
    corsOrigins: config.corsOrigins,
    limits: config.limits,
  });
  console.log(`Fieldbook sync server: ${server.url}`);
  console.log(`  GraphQL  ${server.url}graphql  (x-api-key: ${config.apiKey})`);
  console.log(`  database ${config.dbPath}`);
  if (!existsSync(join(config.staticDir, 'index.html'))) {
    console.log(`  the app is not built (${config.staticDir} missing): run \`npm run build\` or use \`npm start\``);
  }
  const shutdown = () => {
    console.log('stopping: finishing requests under way');
    server.drain().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Fieldbook sync server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
