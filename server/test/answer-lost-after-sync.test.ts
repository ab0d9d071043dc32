import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';

// A sync page that brings a record while the device's own write of it is in flight is not merged
// (the write's answer will be, patches/LEDGER.md D13), and the sync records its lastSync past that
// version. If DataStore then stops between the answer's dequeue and its merge (a leader tab closing),
// neither version reached the device store, and no later delta sync brings it: the device kept its
// own value as if the server held it, and the check of lost answers, judging against that copy, told
// the user nothing. Fuzz seed 16 of the 200-seed run: a note's body replaced on the server by an
// office edit stayed "body c3s3" on the shared-store device, with no review entry. The pinned
// DataStore patch (D16) merges the skipped version once the stopping engine's outbox is still.
const db = tempDbPath();
let server: RunningServer;
let proxy: LoopbackProxy;
let device: DataStoreClient;

const NOTE = { id: 'n1', jobID: 'j1', body: 'Culvert clear', observedAt: '2026-11-28T09:00:00.000Z' };

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      insertRecords(store, 'Job', [
        { id: 'j1', siteID: 's1', title: 'Check culvert', status: 'OPEN', priority: 'LOW' },
      ]);
      insertRecords(store, 'FieldNote', [NOTE]);
    },
  });
  proxy = await LoopbackProxy.start(server.port);
  device = await DataStoreClient.spawn();
  await device.start(proxy.port, API_KEY, { userPool: await deviceAccount(server.port) });
  await waitFor('the note on the device', async () => (await device.query('FieldNote')).length === 1);
});

after(async () => {
  device.kill();
  await proxy.close();
  await server.close();
  db.cleanup();
});

const count = async (event: string) => (await device.events()).hub.filter((e) => e.event === event).length;

test('an edit whose answer was lost with the engine after a sync skipped the server version is put before the user', async () => {
  // The device edits the note while the office changes it; the device's write meets the office's
  // version, and Auto Merge keeps the office's body and the device's tag in its answer (a new
  // version), which is held from DataStore.
  await device.call('hold');
  await device.call('update', {
    model: 'FieldNote',
    id: 'n1',
    fields: { body: 'Culvert half blocked', tags: ['silt'] },
  });
  const { body } = await gql(
    server.port,
    'mutation { updateFieldNote(input: { id: "n1", body: "Culvert blocked, call crew", _version: 1 }) { _version } }',
  );
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  await device.call('holdAnswers');
  await device.call('recordMerges');
  await device.call('release');
  await waitFor(
    'the server took the device write',
    async () => {
      const { body: read } = await gql(server.port, 'query { getFieldNote(id: "n1") { _version } }');
      return read.data.getFieldNote._version === 3;
    },
    30_000,
  ).catch(async (error: unknown) => {
    const { body: read } = await gql(server.port, 'query { getFieldNote(id: "n1") { _version body } }');
    throw new Error(
      `${String(error)} ${JSON.stringify(read)} ${JSON.stringify(await device.sent())} ${await device.outbox()}`,
    );
  });

  // The real-time socket drops and comes back; its catch-up sync brings the answered version while
  // the write is still queued, and records its lastSync past it.
  const synced = await count('syncQueriesReady');
  proxy.cut();
  proxy.restore();
  await waitFor('a sync after the answer', async () => (await count('syncQueriesReady')) > synced, 60_000);
  const merges = await device.call<{ id: string; _version: number }[]>('merges');
  assert.ok(
    merges.some((m) => m.id === 'n1' && m._version === 3),
    `the sync page brought the answered version: ${JSON.stringify(merges)}`,
  );

  // The tab closes as the engine takes the answer out of the outbox.
  await device.call('stopAsAnswerDequeued', { id: 'n1' });
  await device.call('releaseAnswers');
  await device.call('stoppedAtAnswer');
  const syncs = await count('syncQueriesReady');
  await device.start(proxy.port, API_KEY, { userPool: await deviceAccount(server.port) });
  await waitFor('the first sync after the restart', async () => (await count('syncQueriesReady')) > syncs);

  const [note] = await device.query('FieldNote');
  assert.equal(note?.['body'], 'Culvert blocked, call crew', 'the device shows what the server holds');
  assert.deepEqual(note?.['tags'], ['silt']);
  const { reviews } = await device.events();
  const entries = (reviews?.list ?? []).filter((entry) => entry.recordId === 'n1');
  assert.equal(entries.length, 1, JSON.stringify(entries));
  assert.equal(entries[0]?.kind, 'replaced');
  assert.deepEqual(entries[0]?.mine, { body: 'Culvert half blocked' });
});
