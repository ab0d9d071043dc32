import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';

// Issue 6: the server is unreachable while the device believes it is online (Node DataStore always
// does). Unpatched DataStore v6 hands the queued write to errorHandler and drops it, because its
// retry check wants the message 'Network Error' and v6 reports 'A network error has occurred.'
// (patches/LEDGER.md, D9).
const db = tempDbPath();
let server: RunningServer | undefined;
let proxy: LoopbackProxy | undefined;
let client: DataStoreClient | undefined;

after(async () => {
  client?.kill();
  await proxy?.close();
  await server?.close();
  db.cleanup();
});

test(
  'writes queued while the server is unreachable (device online) survive and sync when it returns',
  { timeout: 90_000 },
  async () => {
    server = await startTestServer(db.path, {
      seed: (store) => insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]),
    });
    proxy = await LoopbackProxy.start(server.port);
    client = await DataStoreClient.spawn();
    await client.start(proxy.port, API_KEY, { userPool: await deviceAccount(server.port) });
    proxy.cut();
    const created = await client.call<{ id: string }>('create', { model: 'Site', fields: { name: 'Made while cut' } });
    await client.call('update', { model: 'Site', id: 's1', fields: { notes: 'edited while cut' } });
    // Long enough for several failed attempts (each after the HTTP layer's own retries).
    await waitFor(
      'attempts failed',
      async () => ((await client?.sent())?.filter((q) => !q.response).length ?? 0) >= 3,
      30_000,
      200,
    );
    const { hub } = await client.events();
    assert.deepEqual(
      hub.filter((e) => e.event === 'errorHandler'),
      [],
      'no write was handed to errorHandler',
    );
    assert.equal(await client.outbox(), 2, 'both writes are still queued');
    proxy.restore();
    await waitFor(
      'writes reached the server',
      async () => {
        const { body } = await gql(
          server?.port ?? 0,
          'query($id: ID!) { a: getSite(id: $id) { name } b: getSite(id: "s1") { notes _version } }',
          { id: created.id },
        );
        return body.data.a?.name === 'Made while cut' && body.data.b?.notes === 'edited while cut';
      },
      60_000,
      200,
    );
    await waitFor('outbox empty', async () => (await client?.outbox()) === 0, 20_000);
  },
);
