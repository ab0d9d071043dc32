import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';

// A device that synced and queued changes under DataStore's own IndexedDB adapter moves to the app's
// adapter (src/app/domains/sync/data/fieldbook-storage-adapter.ts) on the same database.
const db = tempDbPath();
let server: RunningServer | undefined;
let proxy: LoopbackProxy | undefined;
let device: DataStoreClient | undefined;

after(async () => {
  device?.kill();
  await proxy?.close();
  await server?.close();
  db.cleanup();
});

test(
  'a device from the stock adapter keeps its records and its queued changes, and they sync',
  { timeout: 120_000 },
  async () => {
    server = await startTestServer(db.path, {
      seed: (store) => {
        insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
        insertRecords(
          store,
          'Job',
          Array.from({ length: 30 }, (_, i) => ({
            id: `j${i}`,
            siteID: 's1',
            title: `Job ${i}`,
            status: 'OPEN',
            priority: 'NORMAL',
          })),
        );
      },
    });
    proxy = await LoopbackProxy.start(server.port);
    device = await DataStoreClient.spawn();
    await device.start(proxy.port, API_KEY, { userPool: await deviceAccount(server.port), stockAdapter: true });
    await waitFor('the first sync under the stock adapter', async () => (await device?.query('Job'))?.length === 30);
    assert.equal(await device.call('adapterName'), 'IndexedDBAdapter');

    proxy.cut();
    const created = await device.call<{ id: string }>('create', {
      model: 'Job',
      fields: { siteID: 's1', title: 'Made offline', status: 'OPEN', priority: 'HIGH' },
    });
    await device.call('update', { model: 'Job', id: 'j3', fields: { title: 'Job 3, edited offline' } });
    await device.call('delete', { model: 'Job', id: 'j7' });
    await waitFor('three changes queued', async () => (await device?.outbox()) === 3, 10_000);
    assert.deepEqual(await device.call('storeLayout'), {
      version: 3,
      outboxIndexes: { byPk: ['id'] },
      jobIndexes: { byPk: ['id'], siteID: ['siteID'], crewID: ['crewID'] },
    });
    await device.call('stop');

    // The same device, now on the app's adapter, back online but with its mutations held: the
    // database moves to the app's layout (the outbox gains its modelId index, the jobs one by due
    // date) with the queued changes in it.
    await device.call('hold');
    await device.start(server.port, API_KEY, { userPool: await deviceAccount(server.port) });
    assert.equal(await device.call('adapterName'), 'FieldbookIndexedDbAdapter');
    assert.deepEqual(await device.call('storeLayout'), {
      version: 5,
      outboxIndexes: { byPk: ['id'], modelId: ['modelId'] },
      jobIndexes: { byPk: ['id'], siteID: ['siteID'], crewID: ['crewID'], fieldbookDueDate: 'dueDate' },
    });
    assert.equal(await device.outbox(), 3, 'the queued changes are still queued');
    // An edit to a record with a change queued under the stock adapter is found through the new index
    // and merged into that entry, not queued beside it (the first entry is in flight, so not j3's).
    const j3Enqueued = async () => {
      const { hub } = (await device?.call<{ hub: { event: string; data: { element?: { id?: string } } }[] }>(
        'events',
      )) ?? { hub: [] };
      return hub.filter((e) => e.event === 'outboxMutationEnqueued' && e.data.element?.id === 'j3').length;
    };
    const before = await j3Enqueued();
    const readsBefore = await device.call<Record<string, number>>('indexReads');
    await device.call('update', { model: 'Job', id: 'j3', fields: { priority: 'HIGH' } });
    await waitFor('the edit enqueued', async () => (await j3Enqueued()) > before);
    const reads = await device.call<Record<string, number>>('indexReads');
    assert.ok((reads['modelId'] ?? 0) > (readsBefore['modelId'] ?? 0), 'the outbox was looked up by its modelId index');
    assert.equal(await device.outbox(), 3, 'merged into the entry queued under the stock adapter');
    await device.call('release');

    const jobs = await device.query('Job');
    assert.equal(jobs.length, 30, 'every record is still on the device (30 synced + 1 new − 1 deleted)');
    assert.ok(jobs.some((job) => job['id'] === created.id && job['title'] === 'Made offline'));
    assert.ok(jobs.some((job) => job['id'] === 'j3' && job['title'] === 'Job 3, edited offline'));
    assert.ok(!jobs.some((job) => job['id'] === 'j7'));

    await waitFor(
      'the queued changes on the server',
      async () => {
        const { body } = await gql(
          server?.port ?? 0,
          'query($id: ID!) { made: getJob(id: $id) { title } edited: getJob(id: "j3") { title priority } gone: getJob(id: "j7") { _deleted } }',
          { id: created.id },
        );
        const data = body.data as {
          made: { title: string } | null;
          edited: { title: string; priority: string };
          gone: { _deleted: boolean };
        };
        return (
          data.made?.title === 'Made offline' &&
          data.edited.title === 'Job 3, edited offline' &&
          data.edited.priority === 'HIGH' &&
          data.gone._deleted
        );
      },
      30_000,
    );
    await waitFor('the outbox drained', async () => (await device?.outbox()) === 0, 30_000);

    // And a sync under the new adapter writes pages into the same stores: another device's edit arrives.
    await gql(
      server.port,
      'mutation { updateJob(input: { id: "j5", title: "Edited elsewhere", _version: 1 }) { id } }',
    );
    await waitFor('the remote edit on the device', async () =>
      (await device?.query('Job'))?.some((job) => job['id'] === 'j5' && job['title'] === 'Edited elsewhere'),
    );
    assert.equal((await device.query('Job')).length, 30, 'no record was stored twice');
  },
);
