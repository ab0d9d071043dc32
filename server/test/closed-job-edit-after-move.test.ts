import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addCrewMember, NORTH_MEMBER, OFFICE } from '../../testing/crew-members.ts';
import { readConflictSettings } from '../src/conflict/conflict-settings.ts';
import { crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { asOfficeOn, startNorthSouthServer } from './crew-scoped-server.ts';
import { tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';
import { POOL } from './user-pool-client.ts';

// Nia (North) assigns a job offline; meanwhile the office moves it to South and closes it there.
// Back online, her update is admitted (the job keeps North's group for updates) and the Job handler
// rejects it (a closed job is locked). DataStore's conflict handler discards it, then reads the job
// back to merge it: a read AppSync refuses Nia now. Her change must not be retried forever (the
// outbox never drained, and the sync bar said a change was waiting for good): it goes to her review
// list with her value, and the job leaves her phone.
const db = tempDbPath();
let server: RunningServer;
let nia: DataStoreClient;
/** Nia's phone's way to the API, cut to take it offline (its way to the user pool stays). */
let network: LoopbackProxy;

const asOffice = (query: string) => asOfficeOn(server, db.path, query);

const jobIds = async (device: DataStoreClient) =>
  (await device.query('Job')).filter((job) => !job['_deleted']).map((job) => String(job['id']));

before(async () => {
  assert.equal(readConflictSettings().perModel['Job']?.type, 'LAMBDA', 'the Job handler decides job conflicts');
  server = await startNorthSouthServer(db.path, (store) => {
    insertRecords(store, 'Site', [{ id: 'n1', name: 'Harbour', ...crewScope('north') }]);
    insertRecords(store, 'Job', [
      { id: 'n1-job', siteID: 'n1', title: 'Pump check', status: 'OPEN', priority: 'NORMAL', ...crewScope('north') },
    ]);
  });
  network = await LoopbackProxy.start(server.port);
  for (const member of [OFFICE, NORTH_MEMBER]) addCrewMember(db.path, member);
  nia = await DataStoreClient.spawn();
  await nia.start(network.port, '', {
    userPool: {
      ...POOL,
      endpoint: `${server.url}cognito-idp`,
      username: NORTH_MEMBER.email,
      password: NORTH_MEMBER.password,
    },
    scope: { crewGroups: [crewGroupOf('north')], syncCrew: 'north' },
  });
});

after(async () => {
  nia?.kill();
  await network?.close();
  await server?.close();
  db.cleanup();
});

test('an offline edit of a job moved to another crew and closed there meanwhile goes to review, and the outbox drains', async () => {
  await waitFor('the job on Nia’s phone', async () => (await jobIds(nia)).includes('n1-job'), 30_000);
  await nia.call('holdRetries');
  network.cut();
  await nia.call('update', { model: 'Job', id: 'n1-job', fields: { assignee: 'Nia' } });
  await waitFor('the edit waits to be retried', async () => (await nia.call<number>('retrySleeps')) > 0, 30_000);

  const { getJob } = (await asOffice('{ getJob(id: "n1-job") { _version } }')) as { getJob: { _version: number } };
  await asOffice(
    `mutation { updateJob(input: { id: "n1-job", crewID: "south", crewGroup: "${crewGroupOf('south')}", previousCrewGroup: "${crewGroupOf('north')}", status: DONE, _version: ${getJob._version} }) { id } }`,
  );
  await asOffice(
    `mutation { createHandover(input: { crewID: "north", crewGroup: "${crewGroupOf('north')}", recordModel: "Job", recordID: "n1-job", toCrewID: "south", handedOverAt: "${new Date().toISOString()}" }) { id } }`,
  );

  network.restore();
  await nia.call('releaseRetries');
  await nia.call('restartSync', {}, 60_000);
  await waitFor('Nia’s outbox drains', async () => (await nia.outbox()) === 0, 60_000);
  const sent = (await nia.sent()).filter((mutation) => mutation.variables.input['id'] === 'n1-job');
  assert.ok(
    sent.some((mutation) => mutation.response?.errors?.some((error) => error.errorType === 'ConflictUnhandled')),
    `the update met the Job handler's refusal: ${JSON.stringify(sent)}`,
  );
  const { reviews } = await nia.events();
  const entry = (reviews?.list ?? []).find((review) => review.recordId === 'n1-job');
  assert.equal(entry?.mine?.['assignee'], 'Nia', `Nia's assignee is in her review list: ${JSON.stringify(reviews)}`);
  await waitFor('the job leaves Nia’s phone', async () => !(await jobIds(nia)).includes('n1-job'), 30_000);
  const { getJob: kept } = (await asOffice('{ getJob(id: "n1-job") { status assignee crewID } }')) as {
    getJob: Record<string, unknown>;
  };
  assert.deepEqual(
    kept,
    { status: 'DONE', assignee: null, crewID: 'south' },
    'the closed job is as the office left it',
  );
});
