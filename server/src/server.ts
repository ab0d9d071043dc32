import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { readAllowGuests, readSchema, readTransformedSchema } from './amplify-project.ts';
import { type ApiAuthModes, readApiAuthModes } from './auth/auth-modes.ts';
import { authenticator } from './auth/caller.ts';
import { modelAuthorizer } from './auth/model-authorizer.ts';
import { readModelAuthRules } from './auth/model-rules.ts';
import { poolTokens } from './auth/pool-tokens.ts';
import { DEFAULT_BUCKET, DEFAULT_IDENTITY_POOL_ID, readConfig } from './config.ts';
import { type ConflictSettings, readConflictSettings } from './conflict/conflict-settings.ts';
import { strategiesFor } from './conflict/strategies.ts';
import type { DataContext } from './graphql/data-context.ts';
import { plainErrorBody } from './graphql/errors.ts';
import { executeRequest } from './graphql/execute-request.ts';
import { createFieldResolver } from './graphql/field-resolver.ts';
import { pageQueries } from './graphql/page-query.ts';
import { createHttpHandler } from './http/http-app.ts';
import { DEFAULT_DRAIN_GRACE_MS, DEFAULT_LIMITS, DEFAULT_TOMBSTONE_RETENTION_DAYS, type Limits } from './limits.ts';
import { describeError, log, withRequestId } from './log.ts';
import { RealtimeServer } from './realtime/realtime-server.ts';
import { buildAppSyncSchema } from './schema/build-schema.ts';
import { describeModels } from './schema/model-info.ts';
import { seedDemoData } from './seed.ts';
import { openStorage } from './storage.ts';
import type { ChangeEvent } from './store/change-event.ts';
import { groupCommit } from './store/group-commit.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import { UserPool, type UserPoolSettings } from './user-pool/pool.ts';
import { createUserPoolHandler, USER_POOL_PATH } from './user-pool/user-pool-handler.ts';

export interface StartOptions {
  port: number;
  host?: string;
  dbPath: string;
  apiKey: string;
  staticDir: string;
  /** The transformer output; server/generated/appsync-schema.graphql when omitted. */
  schemaSdl?: string;
  /** The schema it was made from (relations, keys); amplify/'s schema.graphql when omitted. */
  sourceSdl?: string;
  /** Conflict strategies per model; amplify/'s cli-inputs.json when omitted. */
  conflicts?: ConflictSettings;
  /** The API's authorization modes; amplify/'s cli-inputs.json when omitted. */
  authModes?: ApiAuthModes;
  tombstoneRetentionMs?: number;
  seed?: 'demo' | 'none' | ((store: SqliteStore) => void);
  reset?: boolean;
  corsOrigins?: string[];
  limits?: Partial<Limits>;
  /** One log line per HTTP request (the command-line server turns it on; tests leave it off). */
  logRequests?: boolean;
  /** The one bucket of the S3 subset (`/s3/<bucket>/...`). */
  bucket?: string;
  /** The identity pool the Cognito Identity subset answers for (`<region>:<uuid>`). */
  identityPoolId?: string;
  /** Whether that pool gives guests credentials; amplify/'s auth resource when omitted. */
  allowGuests?: boolean;
  /** The user pool (Cognito subset); FIELDBOOK_USER_POOL_* defaults for what is left out. */
  userPool?: Partial<UserPoolSettings>;
  /** The address devices reach the server by, for the user pool's `iss`; the listening one when omitted. */
  publicUrl?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops at once: open requests and sockets are cut (their writes are committed or not made). */
  close(): Promise<void>;
  /**
   * Stops gracefully (SIGTERM): health turns to draining, no new connections are accepted, requests
   * under way finish (up to `graceMs`), real-time sockets close with 1012 so clients reconnect, and
   * the database closes after the last write.
   */
  drain(graceMs?: number): Promise<void>;
  /** Rows the store has read from its tables so far (`SqliteStore.rowsRead`): what a read cost. */
  rowsRead(): number;
}

const HOUR_MS = 60 * 60 * 1000;

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const sdl = options.schemaSdl ?? readTransformedSchema();
  let schema;
  try {
    schema = buildAppSyncSchema(sdl);
  } catch (error) {
    throw new Error(`the transformed schema of amplify/ cannot be built: ${(error as Error).message}`);
  }
  const sourceSdl = options.sourceSdl ?? readSchema();
  const models = describeModels(schema, sourceSdl);
  const authModes = options.authModes ?? readApiAuthModes();
  const tombstoneRetentionMs = options.tombstoneRetentionMs ?? DEFAULT_TOMBSTONE_RETENTION_DAYS * 24 * HOUR_MS;
  const store = new SqliteStore(options.dbPath, { reset: options.reset ?? false });
  // Made at start, not by the first request that needs one: on a large database that takes a while.
  for (const model of models.values())
    for (const query of model.keyQueries) if (query.hashKey) store.indexField(query.hashKey);
  if (typeof options.seed === 'function') options.seed(store);
  else if (options.seed === 'demo') seedDemoData(store);
  const purge = () => store.purgeTombstones(store.now() - tombstoneRetentionMs);
  purge();

  // The real-time server needs the field resolver, which needs this context: wired up below.
  let broadcast: (event: ChangeEvent) => void = () => undefined;
  const data: DataContext = {
    store,
    models,
    strategies: strategiesFor(models.keys(), options.conflicts ?? readConflictSettings()),
    authorizer: modelAuthorizer(models, readModelAuthRules(sourceSdl), authModes.defaultMode),
    tombstoneRetentionMs,
    // A mutation's event waits for its group's commit (groupCommit publishes it then).
    publish: (event: ChangeEvent) => {
      const staged = store.stagedEvents();
      if (staged) staged.push(event);
      else broadcast(event);
    },
    serialize: groupCommit(store, (event) => broadcast(event)),
  };
  const fieldResolver = createFieldResolver(schema, data);
  const pages = pageQueries(schema, data);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const bucket = options.bucket ?? DEFAULT_BUCKET;
  const identityPoolId = options.identityPoolId ?? DEFAULT_IDENTITY_POOL_ID;
  let url = '';
  // The environment's defaults (read from an empty one) for whatever the caller leaves out.
  const poolSettings = { ...readConfig({}, []).userPool, ...options.userPool };
  const userPool = new UserPool(
    store.database,
    poolSettings,
    () => `${options.publicUrl ?? url}${USER_POOL_PATH.slice(1)}/${poolSettings.poolId}`,
    () => Date.now(),
  );
  if (userPool.users.count() === 0)
    log('info', 'the user pool has no users yet; add the first Office user with the users command', {
      command: 'npm run users -- add <email> --name "<name>" --group Office',
    });
  const allowGuests = options.allowGuests ?? readAllowGuests();
  const tokens = poolTokens(userPool, poolSettings.clientId);
  const storage = openStorage(store, options.dbPath, {
    bucket,
    identityPoolId,
    allowGuests,
    verifyLogin: tokens.login,
    limits,
    corsOrigins: options.corsOrigins ?? [],
    reset: options.reset ?? false,
  });
  // One place decides who a request acts for, for GraphQL and real-time alike.
  const authenticate = authenticator(authModes, { apiKey: options.apiKey, verifyUserPoolToken: tokens.accessToken });
  const realtime = new RealtimeServer({ schema, fieldResolver, authenticate, authorizer: data.authorizer, limits });
  broadcast = (event) => realtime.publish(event);
  const handler = createHttpHandler({
    apiKey: options.apiKey,
    staticDir: options.staticDir,
    bucket,
    identityPoolId,
    allowGuests,
    authModes,
    userPool: { poolId: poolSettings.poolId, clientId: poolSettings.clientId },
    corsOrigins: options.corsOrigins ?? [],
    maxBodyBytes: limits.maxBodyBytes,
    authenticate,
    execute: (body, caller) => executeRequest(schema, fieldResolver, body, limits, caller, pages),
    health: () => (draining ? 'draining' : 'ok'),
    routes: [
      ...storage.routes,
      { prefix: USER_POOL_PATH, handle: createUserPoolHandler(userPool, options.corsOrigins ?? []) },
    ],
  });
  const purgeTimer = setInterval(() => {
    purge();
    storage.sweep();
    userPool.sessions.sweep(Date.now());
  }, HOUR_MS).unref();
  let draining = false;
  let inFlight = 0;
  let lastRequestDone: () => void = () => undefined;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    (request, response) =>
      withRequestId((requestId) => {
        inFlight++;
        const started = performance.now();
        // AppSync's header, so a device's report can be matched to the server's log line.
        response.setHeader('x-amzn-RequestId', requestId);
        response.once('close', () => {
          inFlight--;
          if (inFlight === 0) lastRequestDone();
          if (options.logRequests)
            log('info', 'request', {
              method: request.method,
              path: (request.url ?? '').split('?', 1)[0],
              status: response.statusCode,
              ms: Math.round(performance.now() - started),
            });
        });
        handler(request, response).catch((error: unknown) => {
          log('error', 'request failed', describeError(error));
          if (!response.headersSent) response.writeHead(400, { 'content-type': 'application/json' });
          response.end(JSON.stringify(plainErrorBody('BadRequestException', 'The request failed.')));
        });
      }),
  );
  server.maxConnections = limits.maxHttpConnections;
  server.on('upgrade', (request, socket, head) => {
    if ((request.url ?? '').split('?', 1)[0] === '/graphql/realtime')
      void realtime.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  /** Without `graceMs` everything is cut at once; with it, the graceful stop `drain` describes. */
  const stop = async (graceMs?: number) => {
    clearInterval(purgeTimer);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if (graceMs === undefined) {
      realtime.close();
    } else {
      draining = true;
      realtime.closeForRestart();
      server.closeIdleConnections();
      if (inFlight > 0) {
        const finished = new Promise<void>((resolve) => (lastRequestDone = resolve));
        await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      }
    }
    server.closeAllConnections();
    await closed;
    // Pending writes finish before the database closes.
    await data.serialize(async () => undefined);
    store.close();
  };
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : 'localhost';
  url = `http://${host}:${port}/`;
  return {
    url,
    port,
    close: () => stop(),
    drain: (graceMs = DEFAULT_DRAIN_GRACE_MS) => stop(graceMs),
    rowsRead: () => store.rowsRead,
  };
}
