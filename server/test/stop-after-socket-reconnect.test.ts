import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';

// When the real-time socket comes back after a disruption, DataStore schedules a catch-up sync that
// waits for its sync loop to go to sleep. Stopped while that loop is syncing, the loop never sleeps
// again, the scheduled job never ends, and unmodified DataStore.stop() never returns: a tab taking
// over the sync engine, "Clear local data" and the reload into new models all wait forever. Found by
// the fuzzer (a hand-over that hung). The pinned DataStore patch (patches/LEDGER.md, D6) ends that job on stop.
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

const JOBS = 2000;

test('DataStore stops while syncing after its real-time socket reconnected', { timeout: 90_000 }, async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      insertRecords(
        store,
        'Job',
        Array.from({ length: JOBS }, (_, i) => ({
          id: `job-${i}`,
          siteID: 's1',
          title: `Job ${i}`,
          status: 'OPEN',
          priority: 'LOW',
        })),
      );
    },
  });
  proxy = await LoopbackProxy.start(server.port);
  client = await DataStoreClient.spawn();
  // Full syncs back to back in small pages: the sync loop is nearly always mid-sync, rarely asleep.
  await client.start(proxy.port, API_KEY, {
    userPool: await deviceAccount(server.port),
    syncPageSize: 10,
    fullSyncIntervalMinutes: 0.001,
  });
  assert.equal((await client.query('Job')).length, JOBS);

  // The socket drops and DataStore reconnects it (after its 5 s pause), which schedules the catch-up.
  proxy.cut();
  proxy.restore();
  const socketStates = async () =>
    ((await client?.events())?.hub ?? []).map((e) => e.event).filter((event) => event.startsWith('api:'));
  await waitFor(
    'the socket disrupted, then connected again',
    async () => {
      const states = await socketStates();
      return (
        states.lastIndexOf('api:Connected') > states.lastIndexOf('api:ConnectionDisrupted') &&
        states.includes('api:ConnectionDisrupted')
      );
    },
    30_000,
    20,
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}: ${(await socketStates()).join(', ')}`);
  });
  const started = Date.now();
  await client.call('stop', {}, 30_000);
  assert.ok(Date.now() - started < 20_000, `stop took ${Date.now() - started} ms`);
  // And it starts again, with every job still there.
  await client.start(proxy.port, API_KEY, { userPool: await deviceAccount(server.port), syncPageSize: 25 });
  assert.equal((await client.query('Job')).length, JOBS);
});
