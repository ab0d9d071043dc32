import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addCrewMember, type CrewMember, NORTH_MEMBER, OFFICE } from '../../testing/crew-members.ts';
import { crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { asOfficeOn, startNorthSouthServer } from './crew-scoped-server.ts';
import { tempDbPath, waitFor } from './harness.ts';
import { POOL } from './user-pool-client.ts';

// Two office devices move the same North site, and North's phone must keep it once it is back in
// North, whenever a handover arrives. A handover reaches the server after the move it tells of,
// sometimes long after: written by a device whose move met another's, or that went offline right
// after its move's answer. It names the version the move made, and no later version is let go.
const db = tempDbPath();
let server: RunningServer;
let olivia: DataStoreClient;
let oscar: DataStoreClient;
let phone: DataStoreClient;
const OSCAR: CrewMember = {
  email: 'oscar@fieldbook.test',
  name: 'Oscar',
  group: 'Office',
  password: 'Oscar-desk-2026',
};

/** The whole scope, as the app's sync leader keeps it for the office. */
const WHOLE = { crewGroups: null, syncCrew: null };
const NORTH = { crewGroups: [crewGroupOf('north')], syncCrew: 'north' };

const asOffice = (query: string) => asOfficeOn(server, db.path, query);

interface Stored {
  id: string;
  crewID: string | null;
  _version: number;
  _deleted: boolean | null;
}
interface StoredHandover {
  id: string;
  crewID: string;
  recordID: string;
  toCrewID: string;
  recordVersion: number | null;
}

async function serverState(): Promise<{ sites: Stored[]; jobs: Stored[]; handovers: StoredHandover[] }> {
  const fields = 'items { id crewID _version _deleted }';
  const data = (await asOffice(
    `{ syncSites(limit: 100) { ${fields} } syncJobs(limit: 100) { ${fields} }
       syncHandovers(limit: 100) { items { id crewID recordID toCrewID recordVersion } } }`,
  )) as Record<'syncSites' | 'syncJobs' | 'syncHandovers', { items: never[] }>;
  return { sites: data.syncSites.items, jobs: data.syncJobs.items, handovers: data.syncHandovers.items };
}

const siteOn = async (device: DataStoreClient, id: string) =>
  (await device.query('Site')).find((site) => site['id'] === id);

const idsOn = async (device: DataStoreClient, model: string) =>
  (await device.query(model)).filter((record) => !record['_deleted']).map((record) => String(record['id']));

/** Every change and handover this device has to send, sent and answered. */
const drained = (device: DataStoreClient, name: string) =>
  waitFor(`${name}’s changes and handovers sent`, async () => (await device.outbox()) === 0, 60_000);

/**
 * Once North's phone has every handover of North's on the server and has merged the site's last
 * version, it handles its handovers once more: then it holds every North site and job the server has.
 */
async function phoneHoldsNorthsShare(site: string): Promise<void> {
  const { sites, handovers } = await serverState();
  const last = sites.find((record) => record.id === site);
  assert.equal(last?.crewID, 'north', 'the site is back in North on the server');
  const northHandovers = handovers.filter((handover) => handover.crewID === 'north').map(({ id }) => id);
  await waitFor(
    'North’s phone has every North handover and the site’s last version',
    async () => {
      const held = await idsOn(phone, 'Handover');
      const merged = (await phone.call<{ id: string; _version: number }[]>('merges')).some(
        (merge) => merge.id === site && merge._version === last._version,
      );
      return merged && northHandovers.every((id) => held.includes(id));
    },
    30_000,
  );
  await phone.call('handoversHandled');

  const now = await serverState();
  const north = (records: Stored[]) =>
    records
      .filter((record) => record.crewID === 'north' && !record._deleted)
      .map(({ id }) => id)
      .sort();
  assert.deepEqual((await idsOn(phone, 'Site')).sort(), north(now.sites), 'North’s phone holds every North site');
  assert.deepEqual((await idsOn(phone, 'Job')).sort(), north(now.jobs), 'and every North job');
  assert.ok(now.sites.some((record) => record.id === site && record.crewID === 'north'));
}

/** Lets the held mutation through, and holds the next one once its answer is in: its field. */
async function sendHeld(device: DataStoreClient): Promise<string> {
  await device.call('holdAnswers');
  await device.call('release');
  await device.call('heldAnswer');
  await device.call('hold');
  await device.call('releaseAnswers');
  return device.call<string>('heldSend');
}

before(async () => {
  server = await startNorthSouthServer(db.path, (store) => {
    insertRecords(store, 'Site', [
      { id: 'met', name: 'Harbour', ...crewScope('north') },
      { id: 'back', name: 'Quay', ...crewScope('north') },
    ]);
    insertRecords(store, 'Job', [
      { id: 'met-job', siteID: 'met', title: 'Pump check', status: 'OPEN', priority: 'NORMAL', ...crewScope('north') },
      { id: 'back-job', siteID: 'back', title: 'Crane', status: 'OPEN', priority: 'NORMAL', ...crewScope('north') },
    ]);
  });
  for (const member of [OFFICE, OSCAR, NORTH_MEMBER]) addCrewMember(db.path, member);
  [olivia, oscar, phone] = await Promise.all([
    DataStoreClient.spawn(),
    DataStoreClient.spawn(),
    DataStoreClient.spawn(),
  ]);
  const userPool = (member: CrewMember) => ({
    ...POOL,
    endpoint: `${server.url}cognito-idp`,
    username: member.email,
    password: member.password,
  });
  await olivia.start(server.port, '', { userPool: userPool(OFFICE), scope: WHOLE });
  await oscar.start(server.port, '', { userPool: userPool(OSCAR), scope: WHOLE });
  await phone.start(server.port, '', { userPool: userPool(NORTH_MEMBER), scope: NORTH });
  await phone.call('recordMerges');
  for (const device of [olivia, oscar, phone])
    for (const site of ['met', 'back'])
      await waitFor(`site ${site} on each device`, () => siteOn(device, site), 30_000);
});

after(async () => {
  for (const device of [olivia, oscar, phone]) device?.kill();
  await server?.close();
  db.cleanup();
});

test('a move that met another office’s move of the site writes no handover, and North keeps the site moved back', async () => {
  // Oscar's move of the site, with a new name, waits at his device's door while Olivia moves it. (The
  // same change as hers would not be a conflict: the server takes a change it already holds for done.)
  await oscar.call('hold');
  await oscar.call('moveToCrew', { model: 'Site', id: 'met', crewID: 'south', changes: { name: 'Harbour, east' } });
  await oscar.call('heldSend');
  await olivia.call('moveToCrew', { model: 'Site', id: 'met', crewID: 'south' });
  await drained(olivia, 'Olivia');

  // Oscar's move meets hers (the site is in South already): it is not sent again. What his device
  // sends next waits while Olivia moves the site back to North.
  await sendHeld(oscar);
  const { conflicts } = await oscar.events();
  assert.deepEqual(
    conflicts.map(({ model, remote }) => ({ model, crewID: remote['crewID'] })),
    [{ model: 'Site', crewID: 'south' }],
    'Oscar’s move met the site in South already',
  );
  await waitFor(
    'the site in South on Olivia’s device',
    async () => (await siteOn(olivia, 'met'))?.['crewID'] === 'south',
    30_000,
  );
  await olivia.call('moveToCrew', { model: 'Site', id: 'met', crewID: 'north' });
  await drained(olivia, 'Olivia');

  await oscar.call('release');
  await drained(oscar, 'Oscar');
  await phoneHoldsNorthsShare('met');

  assert.deepEqual(
    (await oscar.sent()).filter((sent) => sent.field === 'createHandover'),
    [],
    'Oscar’s device wrote no handover: Olivia’s move had put the site in South, and she wrote its handover',
  );
  const { sites, handovers } = await serverState();
  const moves = sites.find((site) => site.id === 'met');
  assert.deepEqual(
    handovers
      .filter((handover) => handover.recordID === 'met')
      .map(({ crewID, toCrewID, recordVersion }) => ({ crewID, toCrewID, recordVersion }))
      .sort((a, b) => (a.recordVersion ?? 0) - (b.recordVersion ?? 0)),
    [
      { crewID: 'north', toCrewID: 'south', recordVersion: (moves?._version ?? 0) - 1 },
      { crewID: 'south', toCrewID: 'north', recordVersion: moves?._version },
    ],
    'each handover names the version its move made',
  );
});

test('a handover sent after the site was moved back lets go of nothing moved back', async () => {
  // Olivia's move is answered, and her device goes offline before its handover leaves it.
  await olivia.call('hold');
  await olivia.call('moveToCrew', { model: 'Site', id: 'back', crewID: 'south' });
  let held = await olivia.call<string>('heldSend');
  for (let sent = 0; held !== 'createHandover'; sent++) {
    assert.ok(sent < 10, `the handover follows the move (held: ${held})`);
    held = await sendHeld(olivia);
  }
  const moved = (await serverState()).sites.find((site) => site.id === 'back');
  assert.equal(moved?.crewID, 'south');

  // Meanwhile Oscar moves it back to North.
  await waitFor(
    'the site in South on Oscar’s device',
    async () => (await siteOn(oscar, 'back'))?.['crewID'] === 'south',
    30_000,
  );
  await oscar.call('moveToCrew', { model: 'Site', id: 'back', crewID: 'north' });
  await drained(oscar, 'Oscar');

  // Olivia's device back online: its handover reaches the server after the move back.
  await olivia.call('release');
  await drained(olivia, 'Olivia');
  await phoneHoldsNorthsShare('back');

  const { handovers } = await serverState();
  const late = handovers.find((handover) => handover.recordID === 'back' && handover.crewID === 'north');
  assert.equal(late?.recordVersion, moved?._version, 'Olivia’s handover names the version her move made');
});
