import assert from 'node:assert/strict';
import { test } from 'node:test';

import { API_KEY, deviceAccount, gql, waitFor } from './harness.ts';
import { oneDeviceWithJobs } from './one-device.ts';

// A change the server refused is in the review list, and the device took the server's copy; then
// the record is deleted elsewhere and a later edit of it here meets the delete. The entry for that
// edit holds the whole record as the device had it (so Keep mine can add it back), which there
// holds the server's value the first entry offers to replace: folded over the first entry, only
// the fields the user changed may replace its values (fuzz seeds 131 and 115 of the 200-seed run:
// a site's name, a job's title and checklist, gone from the list once the record was deleted).
const env = oneDeviceWithJobs([{ id: 'j1', title: 'Check culvert' }]);

async function record(model: string, id: string): Promise<Record<string, unknown> | undefined> {
  return (await env.device.query(model)).find((r) => r['id'] === id);
}

async function entries(id: string) {
  const { reviews } = await env.device.events();
  return (reviews?.list ?? []).filter((entry) => entry.recordId === id);
}

async function office(mutation: string): Promise<void> {
  const { body } = await gql(env.server.port, `mutation { ${mutation} { _version } }`);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
}

/** The device saves `fields` while the office makes `meanwhile`; the server refuses the save. */
async function refused(model: string, id: string, fields: Record<string, unknown>, meanwhile: string) {
  await env.device.call('hold');
  await env.device.call('update', { model, id, fields });
  await office(meanwhile);
  await env.device.call('release');
  await waitFor('the refused save filed', async () => (await entries(id)).length === 1);
  await waitFor('the outbox emptied', async () => (await env.device.outbox()) === 0);
}

test('an edit sent as a create of a site deleted under it keeps the name an earlier refused edit lost', async () => {
  await waitFor('the site on the device', async () => (await record('Site', 's1')) !== undefined);
  await refused('Site', 's1', { name: 'North gate' }, 'updateSite(input: { id: "s1", name: "Depot B", _version: 1 })');
  await waitFor('the server’s name here', async () => (await record('Site', 's1'))?.['name'] === 'Depot B');

  const opened = await record('Site', 's1');
  await office('deleteSite(input: { id: "s1", _version: 2 })');
  await waitFor('the delete arrives here', async () => (await record('Site', 's1')) === undefined);
  await env.device.call('hold');
  await env.device.call('updateFrom', { model: 'Site', record: opened, fields: { notes: 'Gate code 4411' } });
  await env.device.call('release');
  await waitFor('the form save answered', async () => (await env.device.outbox()) === 0);

  const writes = (await env.device.sent()).filter((q) => q.variables.input['id'] === 's1').map((q) => q.field);
  assert.deepEqual(writes, ['updateSite', 'createSite'], 'the form save went as a create');
  const [entry, ...more] = await entries('s1');
  assert.deepEqual(more, []);
  assert.equal(entry?.mine['name'], 'North gate', 'the name the user lost first');
  assert.equal(entry?.mine['notes'], 'Gate code 4411');
});

test('an edit of a job deleted elsewhere, its answer lost with the engine, keeps the title an earlier refused edit lost', async () => {
  // A finished job refuses a stale edit that leaves its status alone (the Job handler's lock).
  await refused('Job', 'j1', { title: 'Culvert B' }, 'updateJob(input: { id: "j1", status: DONE, _version: 1 })');
  await waitFor('the server’s title here', async () => (await record('Job', 'j1'))?.['status'] === 'DONE');

  await env.device.call('hold');
  await env.device.call('update', { model: 'Job', id: 'j1', fields: { status: 'OPEN' } });
  await office('deleteJob(input: { id: "j1", _version: 2 })');
  await env.device.call('stopAsAnswerDequeued', { id: 'j1' });
  await env.device.call('release');
  await env.device.call('stoppedAtAnswer');
  const syncs = (await env.device.events()).hub.filter((e) => e.event === 'syncQueriesReady').length;
  await env.device.start(env.server.port, API_KEY, { userPool: await deviceAccount(env.server.port) });
  await waitFor('the first sync after the restart', async () => {
    const { hub } = await env.device.events();
    return hub.filter((e) => e.event === 'syncQueriesReady').length > syncs;
  });

  const answer = (await env.device.sent()).find((q) => q.field === 'updateJob' && q.variables.input['status']);
  assert.equal(answer?.response?.data?.['updateJob']?.['_deleted'], true, 'the server answered with the delete');
  const [entry, ...more] = await entries('j1');
  assert.deepEqual(more, []);
  assert.equal(entry?.mine['title'], 'Culvert B', 'the title the user lost first');
  assert.equal(entry?.mine['status'], 'OPEN');
});
