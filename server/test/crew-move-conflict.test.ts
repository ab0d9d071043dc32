import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addCrewMember, type CrewMember, OFFICE } from '../../testing/crew-members.ts';
import { readConflictSettings } from '../src/conflict/conflict-settings.ts';
import { crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { asOfficeOn, startNorthSouthServer } from './crew-scoped-server.ts';
import { tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';
import { POOL } from './user-pool-client.ts';

// Two office devices on amplify/'s own schema and conflict settings, where Site is optimistic
// concurrency. Olivia's device, offline, moves a North site to South; meanwhile Oscar renames it on
// his. Back online, Olivia's move is sent on the version she had and meets Oscar's: the conflict
// handler sends the move again on the server's version (scopeRetry), so the site ends in South
// under Oscar's name, and the handover queued behind the move never names a site still North's.
const db = tempDbPath();
let server: RunningServer;
let olivia: DataStoreClient;
let oscar: DataStoreClient;
/** Olivia's device's way to the API, cut to take it offline (its way to the user pool stays). */
let network: LoopbackProxy;
const OSCAR: CrewMember = {
  email: 'oscar@fieldbook.test',
  name: 'Oscar',
  group: 'Office',
  password: 'Oscar-desk-2026',
};
const RENAMED = 'Harbour, north gate';

/** The whole scope, as the app's sync leader keeps it for the office. */
const WHOLE = { crewGroups: null, syncCrew: null };

const asOffice = (query: string) => asOfficeOn(server, db.path, query);

const siteOn = async (device: DataStoreClient) => (await device.query('Site')).find((site) => site['id'] === 'n1');

before(async () => {
  assert.equal(
    readConflictSettings().perModel['Site']?.type,
    'OPTIMISTIC_CONCURRENCY',
    'a stale site update conflicts',
  );
  server = await startNorthSouthServer(db.path, (store) => {
    insertRecords(store, 'Site', [{ id: 'n1', name: 'Harbour', ...crewScope('north') }]);
    insertRecords(store, 'Job', [
      { id: 'n1-job', siteID: 'n1', title: 'Pump check', status: 'OPEN', priority: 'NORMAL', ...crewScope('north') },
    ]);
  });
  network = await LoopbackProxy.start(server.port);
  for (const member of [OFFICE, OSCAR]) addCrewMember(db.path, member);
  [olivia, oscar] = await Promise.all([DataStoreClient.spawn(), DataStoreClient.spawn()]);
  const userPool = (member: CrewMember) => ({
    ...POOL,
    endpoint: `${server.url}cognito-idp`,
    username: member.email,
    password: member.password,
  });
  await olivia.start(network.port, '', { userPool: userPool(OFFICE), scope: WHOLE });
  await oscar.start(server.port, '', { userPool: userPool(OSCAR), scope: WHOLE });
});

after(async () => {
  olivia?.kill();
  oscar?.kill();
  await network?.close();
  await server?.close();
  db.cleanup();
});

test('a move to another crew that meets an edit made meanwhile lands on the server, and the edit stays', async () => {
  for (const device of [olivia, oscar]) await waitFor('the site on each device', () => siteOn(device), 30_000);

  await olivia.call('holdRetries');
  network.cut();
  await olivia.call('moveToCrew', { model: 'Site', id: 'n1', crewID: 'south' });
  await waitFor('the move waits to be retried', async () => (await olivia.call<number>('retrySleeps')) > 0, 30_000);

  await oscar.call('update', { model: 'Site', id: 'n1', fields: { name: RENAMED } });
  await waitFor('Oscar’s rename sent', async () => (await oscar.outbox()) === 0, 30_000);
  const renamed = (await asOffice('{ getSite(id: "n1") { name crewID _version } }')) as {
    getSite: { name: string; crewID: string; _version: number };
  };
  assert.deepEqual(renamed.getSite, { name: RENAMED, crewID: 'north', _version: 2 });

  network.restore();
  await olivia.call('releaseRetries');
  await olivia.call('restartSync', {}, 60_000);
  await waitFor('Olivia’s outbox empty', async () => (await olivia.outbox()) === 0, 60_000);

  const { conflicts } = await olivia.events();
  assert.deepEqual(
    conflicts.map(({ model, local, remote }) => ({ model, sent: local['_version'], met: remote['_version'] })),
    [{ model: 'Site', sent: 1, met: 2 }],
    'the move was sent on the version Olivia had, and met Oscar’s',
  );
  const { getSite, getJob, syncHandovers } = (await asOffice(
    `{ getSite(id: "n1") { name crewID crewGroup _deleted }
       getJob(id: "n1-job") { crewID crewGroup previousCrewGroup }
       syncHandovers { items { recordModel recordID crewID toCrewID } } }`,
  )) as { getSite: object; getJob: object; syncHandovers: { items: object[] } };
  assert.deepEqual(getSite, { name: RENAMED, crewID: 'south', crewGroup: crewGroupOf('south'), _deleted: null });
  assert.deepEqual(getJob, {
    crewID: 'south',
    crewGroup: crewGroupOf('south'),
    previousCrewGroup: crewGroupOf('north'),
  });
  assert.deepEqual(syncHandovers.items, [{ recordModel: 'Site', recordID: 'n1', crewID: 'north', toCrewID: 'south' }]);

  for (const [name, device] of [
    ['Olivia', olivia],
    ['Oscar', oscar],
  ] as const)
    await waitFor(
      `the site in South under Oscar’s name on ${name}’s device`,
      async () => {
        const site = await siteOn(device);
        return site?.['crewID'] === 'south' && site['name'] === RENAMED;
      },
      30_000,
    );
  const { reviews } = await olivia.events();
  assert.deepEqual(reviews?.list ?? [], [], 'nothing filed for review: the move was all Olivia changed');
});
