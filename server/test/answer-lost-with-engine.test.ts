import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';

// A leader tab can close after its sync engine has taken the server's answer out of the outbox and
// before it reports the answer, so the check that compares answers with what the user saved never
// sees it. The next engine over the same store (the next tab to lead, or the app reopened) must
// judge such an edit against its first sync: an edit of a job deleted meanwhile is filed for
// review with the user's values, an edit the server kept files nothing.
const db = tempDbPath();
let server: RunningServer;
let device: DataStoreClient;

async function officeDelete(id: string): Promise<void> {
  const { body: read } = await gql(server.port, 'query($id: ID!) { getJob(id: $id) { _version } }', { id });
  const { _version } = read.data.getJob as { _version: number };
  const { body } = await gql(server.port, 'mutation($input: DeleteJobInput!) { deleteJob(input: $input) { id } }', {
    input: { id, _version },
  });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
}

/**
 * Saves `fields` on the device, lets `meanwhile` happen on the server before it is sent, and stops
 * the device's DataStore between the answer's dequeue and its report; then starts it again.
 */
async function answerLostWithEngine(id: string, fields: Record<string, unknown>, meanwhile: () => Promise<void>) {
  await device.call('hold');
  await device.call('update', { model: 'Job', id, fields });
  await meanwhile();
  await device.call('stopAsAnswerDequeued', { id });
  await device.call('release');
  await device.call('stoppedAtAnswer');

  const { hub } = await device.events();
  const answerFor = (data: Record<string, unknown> | undefined) =>
    (data?.['element'] as Record<string, unknown> | undefined)?.['id'];
  const reported = hub.filter((e) => e.event === 'outboxMutationProcessed' && answerFor(e.data) === id);
  assert.deepEqual(reported, [], 'the stopped engine never reported the answer');
  assert.equal(await device.outbox(), 0, 'the answer was taken out of the outbox');

  const syncs = hub.filter((e) => e.event === 'syncQueriesReady').length;
  await device.start(server.port, API_KEY, { userPool: await deviceAccount(server.port) });
  await waitFor('the first sync after the restart', async () => {
    const { hub: now } = await device.events();
    return now.filter((e) => e.event === 'syncQueriesReady').length > syncs;
  });
  // The report waits for every check started so far, the restart's included.
  const { reviews } = await device.events();
  return (reviews?.list ?? []).filter((entry) => entry.recordId === id);
}

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      insertRecords(store, 'Job', [
        { id: 'deleted-job', siteID: 's1', title: 'Pump check', status: 'OPEN', priority: 'NORMAL', tags: ['p'] },
        { id: 'kept-job', siteID: 's1', title: 'Valve swap', status: 'OPEN', priority: 'NORMAL' },
      ]);
    },
  });
  device = await DataStoreClient.spawn();
  await device.start(server.port, API_KEY, { userPool: await deviceAccount(server.port) });
  await waitFor('the jobs on the device', async () => (await device.query('Job')).length === 2);
});

after(async () => {
  device.kill();
  await server.close();
  db.cleanup();
});

test('an edit answered with its job deleted elsewhere is filed for review after the engine that got the answer stopped', async () => {
  const entries = await answerLostWithEngine('deleted-job', { tags: [], priority: 'HIGH' }, () =>
    officeDelete('deleted-job'),
  );

  const sent = await device.sent();
  const answer = sent.find((q) => q.field === 'updateJob' && q.variables.input['id'] === 'deleted-job');
  assert.equal(answer?.response?.data?.['updateJob']?.['_deleted'], true, 'the server answered with the delete');
  assert.equal(entries.length, 1, JSON.stringify(entries));
  assert.equal(entries[0]?.kind, 'conflict');
  assert.deepEqual(entries[0]?.mine['tags'], []);
  assert.equal(entries[0]?.mine['priority'], 'HIGH');
  // The record as the user last had it, so "Keep mine" can bring the job back.
  assert.equal(entries[0]?.mine['title'], 'Pump check');
});

test('an edit the server kept files nothing when its answer was lost with the engine', async () => {
  const entries = await answerLostWithEngine('kept-job', { assignee: 'Mara' }, async () => undefined);

  assert.deepEqual(entries, []);
  const job = (await device.query('Job')).find((j) => j['id'] === 'kept-job');
  assert.equal(job?.['assignee'], 'Mara');
});
