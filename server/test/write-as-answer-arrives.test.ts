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
// Optimistic Concurrency. The write is ordered against the held answer by gates (the device's
// writeAsAnswersArrive), so each order is met on every run, on any machine:
// - in the outbox before the answer arrives: DataStore moves the queued write onto the answer's version;
// - stored before the answer arrives and queued after it is merged, or read before it and stored
//   after: the race itself.
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

const ORDERS = {
  queued: 'in the outbox before',
  stored: 'stored before, queued after',
  read: 'read before, stored after',
} as const;
type Order = keyof typeof ORDERS;

/** The version the server gave the device's previous write of record `id`, and the one its write went out on. */
async function versions(id: string): Promise<{ answered: unknown; sentOn: unknown }> {
  const [previous, write] = (await env.device.sent())
    .filter((mutation) => mutation.variables.input['id'] === id)
    .slice(-2);
  const answer = Object.values(previous?.response?.data ?? {})[0];
  return { answered: answer?.['_version'], sentOn: write?.variables.input['_version'] };
}

for (const model of Object.keys(MODELS) as Model[]) {
  const { field } = MODELS[model];
  for (const order of Object.keys(ORDERS) as Order[]) {
    for (const previous of ['create', 'edit'] as const) {
      test(`${model}: an edit ${ORDERS[order]} the answer to its ${previous} reaches the server`, async () => {
        const id = await withAnswerHeld(model, previous);
        await env.device.call('writeAsAnswersArrive', { model, id, fields: { [field]: 'latest' }, order });

        await waitFor('the outbox drained', async () => (await env.device.outbox()) === 0);
        const { answered, sentOn } = await versions(id);
        assert.equal(sentOn, answered, 'sent on the version the server gave the previous write');
        const here = (await env.device.query(model)).find((record) => record['id'] === id);
        assert.equal(here?.[field], 'latest');
        assert.equal((await onServer(model, id))?.[field], 'latest');
      });
    }
    test(`${model}: a delete ${ORDERS[order]} the answer to its create deletes it on the server`, async () => {
      const id = await withAnswerHeld(model, 'create');
      await env.device.call('writeAsAnswersArrive', { model, id, order });

      await waitFor('the outbox drained', async () => (await env.device.outbox()) === 0);
      const { answered, sentOn } = await versions(id);
      assert.equal(sentOn, answered, 'sent on the version the server gave the create');
      assert.equal((await onServer(model, id))?.['_deleted'], true);
      assert.equal((await env.device.query(model)).filter((record) => record['id'] === id).length, 0);
    });
  }
}
