import assert from 'node:assert/strict';
import { test } from 'node:test';

import { gql, waitFor } from './harness.ts';
import { oneDeviceWithJobs } from './one-device.ts';

// A site edit the server refused is in the review list; the office then deletes the site while its
// edit form is open here, and the form's save goes out as a create the server refuses. The second
// entry holds the whole site as the device had it, which after the first discard is the server's
// name: folded over the first, it must add the user's new field without taking back the name they
// lost first (fuzz seed 131 of the 200-seed run: "name c3s2" gone from the list after the site was
// deleted, and seed 115 alike for a job's title and checklist).
const env = oneDeviceWithJobs([]);

async function site(): Promise<Record<string, unknown> | undefined> {
  return (await env.device.query('Site')).find((s) => s['id'] === 's1');
}

async function reviews() {
  const { reviews: report } = await env.device.events();
  return (report?.list ?? []).filter((entry) => entry.recordId === 's1');
}

test('an edit of a site deleted under it keeps the name an earlier refused edit holds for review', async () => {
  await waitFor('the site on the device', async () => (await site()) !== undefined);

  await env.device.call('hold');
  await env.device.call('update', { model: 'Site', id: 's1', fields: { name: 'North gate' } });
  const renamed = await gql(
    env.server.port,
    'mutation { updateSite(input: { id: "s1", name: "Depot B", _version: 1 }) { _version } }',
  );
  assert.equal(renamed.body.errors, undefined, JSON.stringify(renamed.body.errors));
  await env.device.call('release');
  await waitFor('the refused rename filed', async () => (await reviews()).length === 1);
  await waitFor('the device took the server’s name', async () => (await site())?.['name'] === 'Depot B');

  const opened = await site();
  const deleted = await gql(env.server.port, 'mutation { deleteSite(input: { id: "s1", _version: 2 }) { _deleted } }');
  assert.equal(deleted.body.errors, undefined, JSON.stringify(deleted.body.errors));
  await waitFor('the delete arrives here', async () => (await site()) === undefined);
  await env.device.call('hold');
  await env.device.call('updateFrom', { model: 'Site', record: opened, fields: { notes: 'Gate code 4411' } });
  await env.device.call('release');
  await waitFor('the form save answered', async () => (await env.device.outbox()) === 0);

  const writes = (await env.device.sent()).filter((q) => q.variables.input['id'] === 's1').map((q) => q.field);
  assert.deepEqual(writes, ['updateSite', 'createSite'], 'the form save went as a create');
  const entries = await reviews();
  assert.equal(entries.length, 1, JSON.stringify(entries));
  assert.equal(entries[0]?.mine['name'], 'North gate', 'the name the user lost first');
  assert.equal(entries[0]?.mine['notes'], 'Gate code 4411');
});
