import assert from 'node:assert/strict';
import { test } from 'node:test';

import { gql, waitFor } from './harness.ts';
import { oneDeviceWithJobs } from './one-device.ts';

// Every write reads the record first, but DataStore lets go of its store between that read and the
// write. When the answer to the device's previous write of the record (its create, its last edit)
// arrives in between, DataStore sent the new write on the older version (none, after a create): a
// conflict with the device's own write, in which the server kept its value. A photo's upload mark was
// lost this way. Guarded by the pinned DataStore patch (patches/LEDGER.md, D5): the outbox sends such a write on
// the version the answer carried. One model per conflict strategy: Auto Merge, custom handler,
// Optimistic Concurrency. The delay is how long after the answer is let through the write is saved.
const env = oneDeviceWithJobs([{ id: 'j1', title: 'Check culvert' }]);

const MODELS = {
  FieldNote: { field: 'body', fields: { jobID: 'j1', observedAt: '2026-11-28T09:00:00.000Z' } },
  Job: { field: 'title', fields: { siteID: 's1', status: 'OPEN', priority: 'LOW' } },
  Site: { field: 'name', fields: {} },
} as const;
type Model = keyof typeof MODELS;

async function onServer(model: Model, id: string) {
  const query = `query($id: ID!) { get${model}(id: $id) { ${MODELS[model].field} _version _deleted } }`;
  const { body } = await gql(env.server.port, query, { id });
  return body.data[`get${model}`] as Record<string, unknown> | null;
}

/** Creates a record, then holds the answer to `previous` (its create, or an edit) from DataStore. */
async function withAnswerHeld(model: Model, previous: 'create' | 'edit'): Promise<string> {
  const { field, fields } = MODELS[model];
  if (previous === 'edit') {
    const { id } = await env.device.call<{ id: string }>('create', { model, fields: { ...fields, [field]: 'v1' } });
    await waitFor('the create answered', async () => (await env.device.outbox()) === 0);
    await env.device.call('holdAnswers');
    await env.device.call('update', { model, id, fields: { [field]: 'v2' } });
    await waitFor('the edit on the server', async () => (await onServer(model, id))?.[field] === 'v2');
    return id;
  }
  await env.device.call('holdAnswers');
  const { id } = await env.device.call<{ id: string }>('create', { model, fields: { ...fields, [field]: 'v1' } });
  await waitFor('the create on the server', async () => (await onServer(model, id)) !== null);
  return id;
}

for (const model of Object.keys(MODELS) as Model[]) {
  const { field } = MODELS[model];
  for (const previous of ['create', 'edit'] as const) {
    for (const afterMs of [0, 1, 5, 20]) {
      test(`${model}: an edit saved ${afterMs} ms after the answer to its ${previous} reaches the server`, async () => {
        const id = await withAnswerHeld(model, previous);
        await env.device.call('writeAsAnswersArrive', { model, id, fields: { [field]: 'latest' }, afterMs });

        await waitFor('the edit on the server', async () => (await onServer(model, id))?.[field] === 'latest', 5_000);
        await waitFor('the outbox drained', async () => (await env.device.outbox()) === 0);
        const here = (await env.device.query(model)).find((record) => record['id'] === id);
        assert.equal(here?.[field], 'latest');
        assert.equal((await onServer(model, id))?.[field], 'latest');
      });
    }
  }
  test(`${model}: a delete made as the answer to its create arrives deletes it on the server`, async () => {
    const id = await withAnswerHeld(model, 'create');
    await env.device.call('writeAsAnswersArrive', { model, id, afterMs: 5 });

    await waitFor('the delete on the server', async () => (await onServer(model, id))?.['_deleted'] === true, 5_000);
    assert.equal((await env.device.query(model)).filter((record) => record['id'] === id).length, 0);
  });
}
