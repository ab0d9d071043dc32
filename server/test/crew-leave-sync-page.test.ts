import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addCrewMember, type CrewMember, OFFICE, withPoolAdmin } from '../../testing/crew-members.ts';
import { readSchema } from '../src/amplify-project.ts';
import { CrewDirectory, crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { startCrewScopedServer } from './crew-scoped-server.ts';
import { tempDbPath, waitFor } from './harness.ts';
import { writeOtherSchemaModels } from './other-schemas.ts';
import { POOL } from './user-pool-client.ts';

// Ana is in North and South; her phone syncs both crews' records, each sync round straight after the
// last. The office takes her out of South while a page of South's handovers is on its way to the
// phone: the phone renews her sign-in and enters North's scope, which evicts South's records. The
// page fetched before must not land after that eviction (AppSync never sends it again, and a
// North-only sync brings no handover to show it is not North's).
const db = tempDbPath();
let server: RunningServer;
let phone: DataStoreClient;
const ANA: CrewMember = {
  email: 'ana@fieldbook.test',
  name: 'Ana',
  group: 'Crew',
  password: 'Ana-password-1',
  crews: ['north', 'south'],
};
const scopeOf = (crews: string[]) => ({
  crewGroups: crews.map(crewGroupOf),
  syncCrew: crews.length === 1 ? (crews[0] ?? null) : null,
});

function seed(store: ConstructorParameters<typeof CrewDirectory>[0]): void {
  const crews = new CrewDirectory(store);
  crews.create('North', 'north');
  crews.create('South', 'south');
  insertRecords(store, 'Site', [
    { id: 'n1', name: 'Harbour', ...crewScope('north') },
    { id: 's1', name: 'Quay', ...crewScope('south') },
  ]);
  insertRecords(store, 'Handover', [
    {
      id: 'handover-1',
      recordModel: 'Site',
      recordID: 's0',
      toCrewID: 'north',
      handedOverAt: '2026-12-01T08:00:00.000Z',
      ...crewScope('south'),
    },
  ]);
}

const idsOn = async (model: string) => (await phone.query(model)).map((record) => String(record['id'])).sort();

before(async () => {
  server = await startCrewScopedServer(db.path, seed);
  addCrewMember(db.path, OFFICE);
  addCrewMember(db.path, ANA);
  phone = await DataStoreClient.spawn();
  await phone.start(server.port, '', {
    modelsModule: await writeOtherSchemaModels(readSchema()),
    userPool: { ...POOL, endpoint: `${server.url}cognito-idp`, username: ANA.email, password: ANA.password },
    syncPageSize: 100,
    // A sync round every few milliseconds: one is always under way when her crews change.
    fullSyncIntervalMinutes: 0.001,
    scope: scopeOf(['north', 'south']),
  });
});

after(async () => {
  phone.kill();
  await server.close();
  db.cleanup();
});

test("a sync page on its way when a crew member leaves a crew does not bring that crew's records back", async () => {
  await waitFor('South’s handover on both-crews Ana’s phone', async () =>
    (await idsOn('Handover')).includes('handover-1'),
  );
  await phone.call('holdSyncPage', { model: 'Handover' });
  await phone.call('syncPageFetched');

  withPoolAdmin(db.path, (admin) => admin.setInCrew(ANA.email, crewGroupOf('south'), false));
  assert.equal(await phone.call('forceRefresh'), true);
  await phone.call('rescope', { scope: scopeOf(['north']) }, 60_000);
  await phone.call('syncPageMerged');

  assert.deepEqual(await idsOn('Site'), ['n1'], 'North’s site stays and South’s left');
  assert.deepEqual(await idsOn('Handover'), [], 'South’s handover left the phone and did not come back');
  const evicted = (await phone.call<{ model: string; id: string }[]>('evictions')).map((r) => `${r.model}:${r.id}`);
  assert.ok(evicted.includes('Handover:handover-1'), `evicted: ${evicted.join(', ')}`);
});
