/**
 * DataStore retries a mutation the server cannot be reached for with a growing delay, and after its
 * last attempt only keeps retrying (every 5 minutes) if the error is a network error. Amplify v6 says
 * so differently than the check expects: it throws the GraphQL result, whose error's `originalError`
 * is an AmplifyError named 'NetworkError' ("A network error has occurred."), not a 'Network Error'
 * message. Unpatched, a device offline for longer than the attempts last (about 7 minutes) while it
 * believes it is online gives up on its queued change and dequeues it (patches/LEDGER.md, D11).
 * The delay function is called here with the error a real request to an unreachable server throws,
 * in both builds, instead of waiting out the minutes of real attempts.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import * as amplifyEsm from 'aws-amplify';
import * as apiEsm from 'aws-amplify/api';

import type { RunningServer } from '../src/server.ts';
import { API_KEY, startTestServer, tempDbPath } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';

type DelayFn = (attempt: number, args: unknown[], error: unknown) => number | false;
interface MutationModule {
  safeJitteredBackoff: DelayFn;
}

const require = createRequire(import.meta.url);
/** A build file without type declarations, named in a variable so the compiler does not look for them. */
const ESM_MUTATION_PROCESSOR = '@aws-amplify/datastore/dist/esm/sync/processors/mutation.mjs';
const builds: [string, typeof amplifyEsm, typeof apiEsm, () => Promise<MutationModule>][] = [
  ['ES module', amplifyEsm, apiEsm, () => import(ESM_MUTATION_PROCESSOR) as Promise<MutationModule>],
  [
    'CommonJS',
    require('aws-amplify') as typeof amplifyEsm,
    require('aws-amplify/api') as typeof apiEsm,
    async () => require('@aws-amplify/datastore/dist/cjs/sync/processors/mutation.js') as MutationModule,
  ],
];

/** The longest wait between two attempts, as DataStore's mutation processor sets it. */
const MAX_RETRY_DELAY_MS = 5 * 60 * 1000;
const CREATE_SITE = 'mutation { createSite(input: { name: "Depot" }) { id } }';

const db = tempDbPath();
let server: RunningServer;
let proxy: LoopbackProxy;

before(async () => {
  server = await startTestServer(db.path);
  proxy = await LoopbackProxy.start(server.port);
});
after(async () => {
  await proxy.close();
  await server.close();
  db.cleanup();
});

/** What a GraphQL request through this build's Amplify throws (it must throw). */
async function thrownBy(
  { Amplify }: typeof amplifyEsm,
  { generateClient }: typeof apiEsm,
  port: number,
  query: string,
): Promise<unknown> {
  Amplify.configure({
    API: {
      GraphQL: {
        endpoint: `http://127.0.0.1:${port}/graphql`,
        region: 'us-east-1',
        defaultAuthMode: 'apiKey',
        apiKey: API_KEY,
      },
    },
  });
  try {
    await generateClient().graphql({ query });
  } catch (error) {
    return error;
  }
  throw new Error(`${query} did not fail`);
}

/** The first attempt after which DataStore's backoff, left to itself, gives up. */
function lastAttempt(delay: DelayFn): number {
  const notNetwork = { errors: [{ message: 'not a network error' }] };
  for (let attempt = 1; attempt < 100; attempt++) if (delay(attempt, [], notNetwork) === false) return attempt;
  throw new Error('the backoff never gives up');
}

for (const [build, amplify, api, mutationModule] of builds) {
  test(`${build}: a mutation the server cannot be reached for is retried after the last attempt`, async () => {
    const { safeJitteredBackoff } = await mutationModule();
    const attempt = lastAttempt(safeJitteredBackoff);
    proxy.cut();
    const unreachable = await thrownBy(amplify, api, proxy.port, CREATE_SITE);
    proxy.restore();

    for (const later of [attempt, attempt + 1, attempt + 50]) {
      assert.equal(safeJitteredBackoff(later, [], unreachable), MAX_RETRY_DELAY_MS, `attempt ${later}`);
    }
  });

  test(`${build}: a mutation the server answered with an error still ends after the last attempt`, async () => {
    const { safeJitteredBackoff } = await mutationModule();
    const refused = await thrownBy(amplify, api, server.port, 'mutation { createSite(input: {}) { id } }');

    assert.equal(safeJitteredBackoff(lastAttempt(safeJitteredBackoff), [], refused), false);
  });
}
