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
  { id: 'j3', title: 'Deleted here' },
  { id: 'j4', title: 'Edited here' },
]);

async function serverJob(id: string) {
  const { body } = await gql(env.server.port, 'query($id: ID!) { getJob(id: $id) { title _deleted } }', { id });
  return body.data.getJob as { title: string; _deleted: boolean | null };
}

/**
 * The race, with the device's mutations held until the local result is read: otherwise the server's
 * answer to the write could reach the store first and put the user's value back, hiding a lost edit.
 */
async function writeAsRemoteVersionArrives<T>(args: Record<string, unknown>): Promise<T> {
  await env.device.call('hold');
  try {
    return await env.device.call<T>('writeAsRemoteVersionArrives', { model: 'Job', ...args });
  } finally {
    await env.device.call('release');
  }
}

test('a job deleted here as another device’s edit of it arrives stays deleted, here and on the server', async () => {
  const local = await writeAsRemoteVersionArrives<unknown>({
    id: 'j1',
    operation: 'delete',
    remote: { title: 'Renamed elsewhere' },
  });
  assert.equal(local, null, 'the incoming version must not bring the deleted job back');
  await waitFor('the delete on the server', async () => (await serverJob('j1'))._deleted === true);
});

test('an edit saved here as another device’s version arrives keeps the user’s value on screen', async () => {
  const local = await writeAsRemoteVersionArrives<Record<string, unknown>>({
    id: 'j2',
    operation: 'update',
    fields: { title: 'Mine' },
    remote: { title: 'Theirs' },
  });
  assert.equal(local['title'], 'Mine');
  await waitFor('the edit on the server', async () => (await serverJob('j2')).title === 'Mine');
});

// A sync page (a full or catch-up sync) writes the records the outbox does not hold as one batch,
// without the one-by-one merge's check: the page's split must count the write as queued too.
test('a job deleted here as a sync page with another device’s edit of it arrives stays deleted', async () => {
  const local = await writeAsRemoteVersionArrives<unknown>({
    id: 'j3',
    operation: 'delete',
    remote: { title: 'Renamed elsewhere' },
    via: 'page',
  });
  assert.equal(local, null, 'the sync page must not bring the deleted job back');
  await waitFor('the delete on the server', async () => (await serverJob('j3'))._deleted === true);
});

test('an edit saved here as a sync page with another device’s version arrives keeps the user’s value', async () => {
  const local = await writeAsRemoteVersionArrives<Record<string, unknown>>({
    id: 'j4',
    operation: 'update',
    fields: { title: 'Mine' },
    remote: { title: 'Theirs' },
    via: 'page',
  });
  assert.equal(local['title'], 'Mine');
  await waitFor('the edit on the server', async () => (await serverJob('j4')).title === 'Mine');
});
