import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { crewScope } from '../src/crews/crew-directory.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import {
  addAccount,
  API_KEY,
  type DeviceAccount,
  deviceAccount,
  gql,
  officeToken,
  startTestServer,
  tempDbPath,
  waitFor,
} from './harness.ts';

// A job on a site the server does not hold: a crew member adds a site and a job on it, and the
// server refuses the site (crews may not make sites) and takes the job. AppSync answers such a job's
// `site` null, and DataStore took that null as "no site" and cleared the job's siteID: the phone
// could not merge the answer to the job it had just made (it kept the job as never answered), a
// device that heard of the job could not store it either, and a version the phone skipped under its
// own queued edit could not be built again when its engine stopped, so DataStore.stop() threw "Field
// siteID is required" (fuzz seed 180). Guarded by the pinned DataStore patch D24 (patches/LEDGER.md);
// sync pages are covered by the storage adapter (src/app/domains/sync/util/parent-keys.ts).
const db = tempDbPath();
let server: RunningServer;
let phone: DataStoreClient;
let desktop: DataStoreClient;
let crewAccount: DeviceAccount;

const CREW = crewScope('depot');
/** The site the crew member added, which the server refused. */
let site = '';
/** A job the office made on that site, which the phone has from a sync page. */
const OFFICE_JOB = 'job-by-office';

async function onServer(id: string) {
  const { body } = await gql(server.port, 'query($id: ID!) { getJob(id: $id) { title _version } }', { id });
  return body.data.getJob as { title: string; _version: number } | null;
}
const localJob = async (client: DataStoreClient, id: string) =>
  (await client.query('Job')).find((job) => job['id'] === id);
const count = async (client: DataStoreClient, event: string) =>
  (await client.events()).hub.filter((e) => e.event === event).length;
const startPhone = () =>
  phone.start(server.port, API_KEY, {
    userPool: { ...crewAccount, endpoint: `http://127.0.0.1:${server.port}/cognito-idp` },
  });

before(async () => {
  server = await startTestServer(db.path);
  const office = await deviceAccount(server.port);
  crewAccount = { ...office, username: 'crew-phone@fieldbook.test', password: 'Crew-phone-password-1' };
  addAccount(db.path, crewAccount.username, crewAccount.password, 'Crew', [CREW.crewID]);
  [phone, desktop] = await Promise.all([DataStoreClient.spawn(), DataStoreClient.spawn()]);
  await Promise.all([startPhone(), desktop.start(server.port, API_KEY, { userPool: office })]);
  await officeToken(server.port);
  // The crew member adds a site: the server refuses it, and the phone keeps it for review.
  site = (await phone.call<{ id: string }>('create', { model: 'Site', fields: { name: 'Gravel pit', ...CREW } })).id;
  await waitFor('the site refused', async () =>
    (await phone.sent()).some((q) => q.field === 'createSite' && q.response?.errors?.[0]?.errorType === 'Unauthorized'),
  );
  // While the phone is off, the office adds a job on that site through the API (AppSync does not
  // check a job's site exists); the phone's sync at its next start brings it.
  await phone.call('stop');
  const { body } = await gql(
    server.port,
    'mutation($input: CreateJobInput!) { createJob(input: $input) { _version } }',
    { input: { id: OFFICE_JOB, siteID: site, title: 'Drain the pit', status: 'OPEN', priority: 'LOW', ...CREW } },
  );
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  await startPhone();
  await waitFor('the office’s job on the phone', async () => (await localJob(phone, OFFICE_JOB))?.['siteID'] === site);
});

after(async () => {
  phone.kill();
  desktop.kill();
  await server.close();
  db.cleanup();
});

test('a job made on a site the server refused keeps its site, on the phone and on a device that hears of it', async () => {
  const { id } = await phone.call<{ id: string }>('create', {
    model: 'Job',
    fields: { siteID: site, title: 'Fence the pit', status: 'OPEN', priority: 'HIGH', ...CREW },
  });
  await waitFor('the job on the server', async () => (await onServer(id))?._version === 1);
  await waitFor('the phone merges the server’s answer', async () => (await localJob(phone, id))?.['_version'] === 1);
  await waitFor('the desktop has the job', async () => (await localJob(desktop, id))?.['_version'] === 1);
  assert.equal((await localJob(phone, id))?.['siteID'], site, 'the phone keeps the job on its site');
  assert.equal((await localJob(desktop, id))?.['siteID'], site, 'the desktop keeps the job on its site');
});

test('a phone stopped with a version of such a job skipped under its own edit stops, then shows both edits', async () => {
  // The phone edits the job and the answer is held; the office then changes the job, and its version
  // is pushed to the phone while the phone's edit is still queued, so the phone skips it (D13).
  await phone.call('recordMerges');
  await phone.call('holdAnswers');
  await phone.call('update', { model: 'Job', id: OFFICE_JOB, fields: { title: 'Pump out the pit' } });
  await waitFor('the phone’s edit on the server', async () => (await onServer(OFFICE_JOB))?._version === 2);
  const { body } = await gql(
    server.port,
    'mutation($id: ID!) { updateJob(input: { id: $id, priority: URGENT, _version: 2 }) { _version } }',
    { id: OFFICE_JOB },
  );
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  await waitFor('the office’s version pushed to the phone', async () =>
    (await phone.call<{ id: string; _version: number }[]>('merges')).some(
      (m) => m.id === OFFICE_JOB && m._version === 3,
    ),
  );

  // The phone's engine stops as its answer leaves the outbox (a tab closing, a sign-in's restart):
  // it merges the skipped version then (D16), which must not throw out of stop().
  await phone.call('stopAsAnswerDequeued', { id: OFFICE_JOB });
  await phone.call('releaseAnswers');
  await phone.call('stoppedAtAnswer');

  const syncs = await count(phone, 'syncQueriesReady');
  await startPhone();
  await waitFor('the first sync after the restart', async () => (await count(phone, 'syncQueriesReady')) > syncs);
  const job = await localJob(phone, OFFICE_JOB);
  assert.equal(job?.['title'], 'Pump out the pit');
  assert.equal(job?.['priority'], 'URGENT');
  assert.equal(job?.['siteID'], site, 'the phone keeps the job on its site');
  assert.equal(await phone.outbox(), 0);
});
