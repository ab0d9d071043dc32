import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';

import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';

// DataStore.stop() (a tab handing over the sync engine, "Clear local data", sign-out) ends the retry
// loop of a mutation the server has not answered. Unpatched DataStore takes what ends the loop for
// the mutation's final failure: it reports it to errorHandler (the app would tell the user a change
// failed) and, when the loop was waiting between attempts, dequeues the mutation, so the change never
// reaches the server. The pinned patch (patches/LEDGER.md, D7 and D8) keeps it queued and says nothing.
const db = tempDbPath();
let server: RunningServer;
let proxy: LoopbackProxy;
let client: DataStoreClient;

before(async () => {
  server = await startTestServer(db.path);
  proxy = await LoopbackProxy.start(server.port);
});

// A device of its own per test, so one test's failure leaves the next a running DataStore.
beforeEach(async () => {
  proxy.restore();
  client = await DataStoreClient.spawn();
  await client.start(proxy.port, API_KEY, { userPool: await deviceAccount(server.port) });
});

afterEach(() => client.kill());

after(async () => {
  await proxy.close();
  await server.close();
  db.cleanup();
});

/** Stops DataStore once `retrying` holds, then checks the change is queued, unreported and sent after a restart. */
async function stopWhile(name: string, retrying: () => Promise<boolean>): Promise<void> {
  proxy.cut();
  const created = await client.call<{ id: string }>('create', { model: 'Site', fields: { name } });
  await waitFor('the change is being retried', retrying, 30_000);

  await client.call('stop');

  const { hub } = await client.events();
  assert.deepEqual(
    hub.filter((e) => e.event === 'errorHandler'),
    [],
    'the stop is not reported as the change failing',
  );
  assert.equal(await client.outbox(), 1, 'the change is still queued after the stop');

  await client.call('releaseRetries');
  proxy.restore();
  await client.start(proxy.port, API_KEY, { userPool: await deviceAccount(server.port) });
  await waitFor(
    'the change reached the server',
    async () => {
      const { body } = await gql(server.port, 'query($id: ID!) { getSite(id: $id) { name } }', { id: created.id });
      return body.data.getSite?.name === name;
    },
    30_000,
  );
  await waitFor('outbox empty', async () => (await client.outbox()) === 0, 20_000);
}

test('a change DataStore is sending when it stops stays queued, unreported, and is sent after the restart', async () => {
  // Requests fail only after the HTTP layer's own retries, so two failed ones mean an attempt is
  // under way or the next is waiting: either way the stop ends the mutation's retry loop.
  await stopWhile('Sent during the stop', async () => (await client.sent()).filter((q) => !q.response).length >= 2);
});

test('a change DataStore is waiting to retry when it stops stays queued, unreported, and is sent after the restart', async () => {
  await client.call('holdRetries');
  await stopWhile('Waiting during the stop', async () => (await client.call<number>('retrySleeps')) > 0);
});
