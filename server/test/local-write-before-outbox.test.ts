import assert from 'node:assert/strict';
import { test } from 'node:test';

import { gql, waitFor } from './harness.ts';
import { oneDeviceWithJobs } from './one-device.ts';

// DataStore writes a local change, releases its storage lock, and only then puts the mutation in the
// outbox. Another device's version of the record arriving in between used to be merged over the
// local change: a deleted job came back on the device, and the user's next edit of it was folded into
// the queued delete, which then never reached the server (found by the fuzzer). Guarded by the
// pinned DataStore patch (patches/LEDGER.md, D3), which keeps such records out of incoming merges until queued.
const env = oneDeviceWithJobs([
  { id: 'j1', title: 'Deleted here' },
  { id: 'j2', title: 'Edited here' },
]);

async function serverJob(id: string) {
  const { body } = await gql(env.server.port, 'query($id: ID!) { getJob(id: $id) { title _deleted } }', { id });
  return body.data.getJob as { title: string; _deleted: boolean | null };
}

test('a job deleted here as another device’s edit of it arrives stays deleted, here and on the server', async () => {
  const local = await env.device.call('writeAsRemoteVersionArrives', {
    model: 'Job',
    id: 'j1',
    operation: 'delete',
    remote: { title: 'Renamed elsewhere' },
  });
  assert.equal(local, null, 'the incoming version must not bring the deleted job back');
  await waitFor('the delete on the server', async () => (await serverJob('j1'))._deleted === true);
});

test('an edit saved here as another device’s version arrives keeps the user’s value on screen', async () => {
  const local = await env.device.call<Record<string, unknown>>('writeAsRemoteVersionArrives', {
    model: 'Job',
    id: 'j2',
    operation: 'update',
    fields: { title: 'Mine' },
    remote: { title: 'Theirs' },
  });
  assert.equal(local['title'], 'Mine');
  await waitFor('the edit on the server', async () => (await serverJob('j2')).title === 'Mine');
});
