import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_API_KEY, readConfig } from './config.ts';
import { describeError, log } from './log.ts';
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
    bucket: config.bucket,
    identityPoolId: config.identityPoolId,
    userPool: config.userPool,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    logRequests: true,
  });
  // The API key ships inside the app, but logs are shipped too: only whether it is the default.
  log('info', 'Fieldbook sync server listening', {
    url: server.url,
    graphql: `${server.url}graphql`,
    s3: `${server.url}s3/${config.bucket}`,
    identityPool: config.identityPoolId,
    userPool: config.userPool.poolId,
    database: config.dbPath,
    apiKey: config.apiKey === DEFAULT_API_KEY ? 'the default key' : 'FIELDBOOK_API_KEY',
    appBuilt: existsSync(join(config.staticDir, 'index.html')),
  });
  const shutdown = () => {
    log('info', 'stopping: finishing requests under way');
    server.drain().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  log('error', 'Fieldbook sync server failed to start', describeError(error));
  process.exit(1);
});
