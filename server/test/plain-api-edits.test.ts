import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';

// Another AppSync client (an office system) sets a job's fields with a plain updateJob, no
// fieldEditedAt, while a device holds an older offline edit of the same job. The office's later
// edit must win, and the device must be able to tell its user which value was replaced.
const db = tempDbPath();
let server: RunningServer;
let device: DataStoreClient;

const JOB_FIELDS = 'id title priority assignee description _version _lastChangedAt';

async function serverJob(id: string) {
  const { body } = await gql(server.port, `query($id: ID!) { getJob(id: $id) { ${JOB_FIELDS} } }`, { id });
  return body.data.getJob as Record<string, unknown>;
}

/** What an office system sends: the fields it sets and the version it read, no edit times. */
async function officeUpdate(id: string, fields: Record<string, unknown>) {
  const { _version } = await serverJob(id);
  const { body } = await gql(
    server.port,
    `mutation($input: UpdateJobInput!) { updateJob(input: $input) { ${JOB_FIELDS} } }`,
    { input: { id, _version, ...fields } },
  );
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data.updateJob as Record<string, unknown>;
}

interface Told {
  replaced: { field: string; mine: unknown; theirs: unknown }[];
  reason: string;
}

/** What the device tells its user of `fields` saved at `at`, once the server's answer is in. */
function deviceTells(id: string, fields: Record<string, unknown>, at: string) {
  return waitFor(`the answer for ${id}`, () =>
    device.call<Told | null>('replacedEdits', { model: 'Job', id, fields, at }),
  );
}

/** The device's local copy once it matches `expected`, field by field. */
async function deviceJobMatching(id: string, expected: Record<string, unknown>) {
  return waitFor(`the device's ${id} to be ${JSON.stringify(expected)}`, async () => {
    const job = (await device.query('Job')).find((j) => j['id'] === id);
    return job && Object.entries(expected).every(([field, value]) => job[field] === value) ? job : undefined;
  });
}

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      // Created by the office system: no edit times, no fingerprints.
      insertRecords(store, 'Job', [
        { id: 'office-job', siteID: 's1', title: 'Pump check', status: 'OPEN', priority: 'NORMAL' },
        { id: 'app-job', siteID: 's1', title: 'Valve swap', status: 'OPEN', priority: 'NORMAL' },
        { id: 'other-field', siteID: 's1', title: 'Meter read', status: 'OPEN', priority: 'NORMAL' },
      ]);
    },
  });
  device = await DataStoreClient.spawn();
  await device.start(server.port, API_KEY, { userPool: await deviceAccount(server.port) });
  // Two of the jobs were edited in the app before: their fieldEditedAt holds times and fingerprints.
  const earlier = new Date(Date.now() - 60 * 60_000).toISOString();
  for (const id of ['app-job', 'other-field']) {
    await device.call('update', { model: 'Job', id, fields: { description: 'surveyed' }, editedAt: earlier });
    await waitFor(`${id} stamped on the server`, async () => (await serverJob(id))['_version'] === 2);
    await deviceJobMatching(id, { _version: 2 });
  }
});

after(async () => {
  device.kill();
  await server.close();
  db.cleanup();
});

test(
  'a plain updateJob made after an offline edit wins, and the device can tell its user what was replaced',
  { timeout: 90_000 },
  async () => {
    // The device is offline: its edits wait in the outbox, each stamped with when it was made.
    await device.call('hold');
    const offlineAt = new Date().toISOString();
    const edits = {
      'office-job': { priority: 'LOW' },
      'app-job': { priority: 'LOW', assignee: 'Mara' },
      'other-field': { priority: 'LOW' },
    };
    for (const [id, fields] of Object.entries(edits)) {
      await device.call('update', { model: 'Job', id, fields, editedAt: offlineAt });
    }
    // Later, the office sets priority on two jobs, and only the description on the third.
    const office = await officeUpdate('office-job', { priority: 'URGENT' });
    await officeUpdate('app-job', { priority: 'URGENT', title: 'Valve swap (2 valves)' });
    await officeUpdate('other-field', { description: 'bring the long ladder' });
    assert.ok(Number(office['_lastChangedAt']) >= Date.parse(offlineAt), 'the office edit is the later one');

    await device.call('release');
    await waitFor('the device outbox sent', async () => (await device.call<number>('outbox')) === 0, 30_000);

    assert.equal((await serverJob('office-job'))['priority'], 'URGENT', 'a job only the office system wrote');
    const appJob = await serverJob('app-job');
    assert.equal(appJob['priority'], 'URGENT', 'a job the app had stamped: the stale time is not the office edit’s');
    assert.equal(appJob['title'], 'Valve swap (2 valves)');
    assert.equal(appJob['assignee'], 'Mara', 'the device’s edit of a field the office left alone stands');
    const otherField = await serverJob('other-field');
    assert.equal(otherField['priority'], 'LOW', 'a plain update of another field does not undo the device’s edit');
    assert.equal(otherField['description'], 'bring the long ladder');
    await deviceJobMatching('office-job', { priority: 'URGENT' });
    await deviceJobMatching('app-job', { priority: 'URGENT', assignee: 'Mara' });
    await deviceJobMatching('other-field', { priority: 'LOW', description: 'bring the long ladder' });

    const officeSavedAt = new Date(Number(office['_lastChangedAt'])).toISOString();
    for (const id of ['office-job', 'app-job'] as const) {
      const told = await deviceTells(id, edits[id], offlineAt);
      assert.deepEqual(
        told.replaced.map(({ field, mine, theirs }) => ({ field, mine, theirs })),
        [{ field: 'priority', mine: 'LOW', theirs: 'URGENT' }],
        id,
      );
      assert.match(told.reason, /^Your priority “Low” was replaced by “Urgent”, saved /, id);
      if (id === 'office-job') assert.ok(told.reason.includes(officeSavedAt), 'saved when the server stored it');
    }
    const untold = await deviceTells('other-field', edits['other-field'], offlineAt);
    assert.deepEqual(untold.replaced, []);
    assert.equal((await device.events()).conflicts.length, 0, 'the handler resolved every write: nothing refused');
  },
);
