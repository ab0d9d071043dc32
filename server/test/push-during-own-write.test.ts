import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, officeToken, startTestServer, tempDbPath, waitFor } from './harness.ts';

// DataStore does not merge a version pushed for a record while the device's own write of it is
// queued: the write's answer is merged instead. A version written after that answer and pushed
// before it arrived was lost until the next sync, so a job deleted on the office desktop stayed on
// the phone that had just edited it. Guarded by the pinned DataStore patch (patches/LEDGER.md, D13).
// The push is ordered before the answer by gates: the phone's answer is held until its merger has
// been handed the pushed version.
const db = tempDbPath();
let server: RunningServer;
let phone: DataStoreClient;
let desktop: DataStoreClient;

async function onServer(id: string) {
  const { body } = await gql(server.port, 'query($id: ID!) { getJob(id: $id) { title _version _deleted } }', { id });
  return body.data.getJob as Record<string, unknown>;
}
const localJob = async (client: DataStoreClient, id: string) =>
  (await client.query('Job')).find((job) => job['id'] === id);

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      insertRecords(store, 'Job', [
        { id: 'j1', siteID: 's1', title: 'Clear drain', status: 'OPEN', priority: 'LOW' },
        { id: 'j2', siteID: 's1', title: 'Check meter', status: 'OPEN', priority: 'LOW' },
      ]);
    },
  });
  [phone, desktop] = await Promise.all([DataStoreClient.spawn(), DataStoreClient.spawn()]);
  const userPool = await deviceAccount(server.port);
  await Promise.all([
    phone.start(server.port, API_KEY, { userPool }),
    desktop.start(server.port, API_KEY, { userPool }),
  ]);
  await phone.call('recordMerges');
  // The Office reads the server below inside timed waits: its sign-in (seconds of SRP) is done here.
  await officeToken(server.port);
});

after(async () => {
  phone.kill();
  desktop.kill();
  await server.close();
  db.cleanup();
});

/** The phone edits `id` and its answer is held; the desktop then writes on top of that edit. */
async function phoneEditsThenDesktopWrites(id: string, desktopWrite: () => Promise<unknown>) {
  await phone.call('holdAnswers');
  await phone.call('update', { model: 'Job', id, fields: { title: 'Edited on the phone' } });
  await waitFor('the phone’s edit on the server', async () => (await onServer(id))['_version'] === 2);
  await waitFor('the desktop has the edit', async () => (await localJob(desktop, id))?.['_version'] === 2);
  await desktopWrite();
  await waitFor('the desktop’s write pushed to the phone', async () =>
    (await phone.call<{ id: string; _version: number }[]>('merges')).some((m) => m.id === id && m._version === 3),
  );
  await phone.call('releaseAnswers');
}

test('a delete pushed while the phone’s own edit awaits its answer removes the job once the answer arrives', async () => {
  await phoneEditsThenDesktopWrites('j1', () => desktop.call('delete', { model: 'Job', id: 'j1' }));
  assert.equal((await onServer('j1'))['_deleted'], true);
  await waitFor('the phone drops the deleted job', async () => (await localJob(phone, 'j1')) === undefined);
});

test('an edit pushed while the phone’s own edit awaits its answer is what the phone shows once the answer arrives', async () => {
  await phoneEditsThenDesktopWrites('j2', () =>
    desktop.call('update', { model: 'Job', id: 'j2', fields: { title: 'Renamed on the desktop' } }),
  );
  await waitFor('the phone shows the newest version', async () => {
    const job = await localJob(phone, 'j2');
    return job?.['title'] === 'Renamed on the desktop' && job['_version'] === 3;
  });
});
