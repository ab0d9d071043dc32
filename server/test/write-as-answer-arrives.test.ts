import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';

// Every write reads the record first, but DataStore lets go of its store between that read and the
// write. When the answer to the device's previous write of the record (its create, its last edit)
// arrives in between, DataStore sent the new write on the older version (none, after a create): a
// conflict with the device's own write, in which the server kept its value. A photo's upload mark was
// lost this way. Guarded by the pinned DataStore patch (patches/): the outbox sends such a write on
// the version the answer carried. One model per conflict strategy: Auto Merge, custom handler,
// Optimistic Concurrency. The delay is how long after the answer is let through the write is saved.
const db = tempDbPath();
let server: RunningServer;
let device: DataStoreClient;

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      insertRecords(store, 'Job', [
        { id: 'j1', siteID: 's1', title: 'Check culvert', status: 'OPEN', priority: 'LOW' },
      ]);
    },
  });
  device = await DataStoreClient.spawn();
  await device.start(server.port, API_KEY);
  await waitFor('the job synced', async () => (await device.query('Job')).length === 1);
});

after(async () => {
  device.kill();
  await server.close();
  db.cleanup();
});

const MODELS = {
  FieldNote: { field: 'body', fields: { jobID: 'j1', observedAt: '2026-11-28T09:00:00.000Z' } },
  Job: { field: 'title', fields: { siteID: 's1', status: 'OPEN', priority: 'LOW' } },
  Site: { field: 'name', fields: {} },
} as const;
type Model = keyof typeof MODELS;

async function onServer(model: Model, id: string) {
  const query = `query($id: ID!) { get${model}(id: $id) { ${MODELS[model].field} _version _deleted } }`;
  const { body } = await gql(server.port, query, { id });
  return body.data[`get${model}`] as Record<string, unknown> | null;
}

/** Creates a record, then holds the answer to `previous` (its create, or an edit) from DataStore. */
async function withAnswerHeld(model: Model, previous: 'create' | 'edit'): Promise<string> {
  const { field, fields } = MODELS[model];
  if (previous === 'edit') {
    const { id } = await device.call<{ id: string }>('create', { model, fields: { ...fields, [field]: 'v1' } });
    await waitFor('the create answered', async () => (await device.outbox()) === 0);
    await device.call('holdAnswers');
    await device.call('update', { model, id, fields: { [field]: 'v2' } });
    await waitFor('the edit on the server', async () => (await onServer(model, id))?.[field] === 'v2');
    return id;
  }
  await device.call('holdAnswers');
  const { id } = await device.call<{ id: string }>('create', { model, fields: { ...fields, [field]: 'v1' } });
  await waitFor('the create on the server', async () => (await onServer(model, id)) !== null);
  return id;
}

for (const model of Object.keys(MODELS) as Model[]) {
  const { field } = MODELS[model];
  for (const previous of ['create', 'edit'] as const) {
    for (const afterMs of [0, 1, 5, 20]) {
      test(`${model}: an edit saved ${afterMs} ms after the answer to its ${previous} reaches the server`, async () => {
        const id = await withAnswerHeld(model, previous);
        await device.call('writeAsAnswersArrive', { model, id, fields: { [field]: 'latest' }, afterMs });

        await waitFor('the edit on the server', async () => (await onServer(model, id))?.[field] === 'latest', 5_000);
        await waitFor('the outbox drained', async () => (await device.outbox()) === 0);
        const here = (await device.query(model)).find((record) => record['id'] === id);
        assert.equal(here?.[field], 'latest');
        assert.equal((await onServer(model, id))?.[field], 'latest');
      });
    }
  }
  test(`${model}: a delete made as the answer to its create arrives deletes it on the server`, async () => {
    const id = await withAnswerHeld(model, 'create');
    await device.call('writeAsAnswersArrive', { model, id, afterMs: 5 });

    await waitFor('the delete on the server', async () => (await onServer(model, id))?.['_deleted'] === true, 5_000);
    assert.equal((await device.query(model)).filter((record) => record['id'] === id).length, 0);
  });
}
