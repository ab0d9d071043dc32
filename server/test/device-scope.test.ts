import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessTokenOf, addCrewMember, type CrewMember, OFFICE, withPoolAdmin } from '../../testing/crew-members.ts';
import { readSchema } from '../src/amplify-project.ts';
import { CrewDirectory, crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { DataStoreClient } from './client-process.ts';
import { startCrewScopedServer } from './crew-scoped-server.ts';
import { gql, tempDbPath, waitFor } from './harness.ts';
import { writeOtherSchemaModels } from './other-schemas.ts';
import { LoopbackProxy } from './proxy.ts';
import { POOL } from './user-pool-client.ts';

// One Crew member's phone, a real DataStore client on the app's storage adapter and scope code,
// while her crews change: North only (synced by the byCrew index), then South and East too
// (widening), then South alone (narrowing, with an offline edit of a North job still queued).
const db = tempDbPath();
let server: RunningServer;
let phone: DataStoreClient;
/** The phone's way to the API, cut to take it offline (its way to the user pool stays). */
let network: LoopbackProxy;
const SCHEMA = readSchema();
const ANA: CrewMember = { email: 'ana@fieldbook.test', name: 'Ana', group: 'Crew', password: 'Ana-password-1' };
const PAGE = 5;
/** The synced models: Crew, Site, Job, FieldNote, ChangeLogEntry, Attachment and Handover. */
const MODELS = 7;

type CrewId = 'north' | 'south' | 'east';
const SITES: Record<CrewId, string[]> = { north: ['n1', 'n2'], south: ['s1'], east: ['e1'] };
const JOBS_PER_SITE = 6;
const jobsOf = (crews: CrewId[]) =>
  crews
    .flatMap((crew) => SITES[crew])
    .flatMap((site) => Array.from({ length: JOBS_PER_SITE }, (_, n) => `${site}-job-${n + 1}`))
    .sort();
const sitesOf = (crews: CrewId[]) => crews.flatMap((crew) => SITES[crew]).sort();
const ALL_ROWS = 3 + sitesOf(['north', 'south', 'east']).length + 1 + jobsOf(['north', 'south', 'east']).length + 1;

function seed(store: SqliteStore): void {
  const crews = new CrewDirectory(store);
  for (const crew of ['north', 'south', 'east'] as const) {
    crews.create(crew[0]!.toUpperCase() + crew.slice(1), crew);
    insertRecords(
      store,
      'Site',
      SITES[crew].map((id) => ({ id, name: `Site ${id}`, ...crewScope(crew) })),
    );
    insertRecords(
      store,
      'Job',
      jobsOf([crew]).map((id) => ({
        id,
        siteID: id.split('-')[0],
        title: `Job ${id}`,
        status: 'OPEN',
        priority: 'NORMAL',
        ...crewScope(crew),
      })),
    );
  }
  // From before crews: outside every Crew member's scope.
  insertRecords(store, 'Site', [{ id: 'old-site', name: 'Old site' }]);
  insertRecords(store, 'Job', [
    { id: 'old-job', siteID: 'old-site', title: 'Old', status: 'OPEN', priority: 'NORMAL' },
  ]);
}

/** The app's SyncScope (sync/util/sync-scope.ts), as the sign-in of a member of `crews` makes it. */
const scopeOf = (crews: CrewId[]) => ({
  crewGroups: crews.map(crewGroupOf),
  syncCrew: crews.length === 1 ? crews[0]! : null,
});

/** The office moves Ana between crews; her phone hears of it at its next token refresh. */
async function setCrews(crews: CrewId[]): Promise<void> {
  withPoolAdmin(db.path, (admin) => {
    for (const crew of ['north', 'south', 'east'] as const)
      admin.setInCrew(ANA.email, crewGroupOf(crew), crews.includes(crew));
  });
  assert.equal(await phone.call('forceRefresh'), true);
  await phone.call('rescope', { scope: scopeOf(crews) }, 60_000);
}

const idsOn = async (model: string) =>
  (await phone.query(model))
    .filter((record) => !record['_deleted'])
    .map((record) => String(record['id']))
    .sort();

/** How each model's sync since `from` (an index into the Hub events) ran: full or delta. */
async function syncsSince(from: number): Promise<string[]> {
  const { hub } = await phone.events();
  return hub
    .slice(from)
    .filter((event) => event.event === 'modelSynced')
    .map(({ data }) => (data['isFullSync'] === true ? 'full' : data['isDeltaSync'] === true ? 'delta' : '?'));
}

async function onServer(id: string) {
  const token = await accessTokenOf({ url: server.url.replace(/\/$/, ''), dbPath: db.path }, OFFICE);
  const { body } = await gql(
    server.port,
    `{ getJob(id: "${id}") { id title crewID _deleted } }`,
    {},
    { authorization: token },
  );
  return body.data.getJob as { title: string; crewID: string | null; _deleted: boolean | null } | null;
}

before(async () => {
  server = await startCrewScopedServer(db.path, seed);
  network = await LoopbackProxy.start(server.port);
  addCrewMember(db.path, ANA);
  withPoolAdmin(db.path, (admin) => admin.setInCrew(ANA.email, crewGroupOf('north'), true));
  phone = await DataStoreClient.spawn();
});

after(async () => {
  phone.kill();
  await network.close();
  await server.close();
  db.cleanup();
});

test("a member of one crew syncs that crew's records only, each model by a Query of its byCrew index", async () => {
  const before = server.rowsRead();
  await phone.start(network.port, '', {
    modelsModule: await writeOtherSchemaModels(SCHEMA),
    userPool: { ...POOL, endpoint: `${server.url}cognito-idp`, username: ANA.email, password: ANA.password },
    syncPageSize: PAGE,
    scope: scopeOf(['north']),
  });
  assert.deepEqual(await idsOn('Job'), jobsOf(['north']));
  assert.deepEqual(await idsOn('Site'), sitesOf(['north']));
  assert.deepEqual(await idsOn('Crew'), ['north']);
  // North's partitions only: its 12 jobs in pages of 5 (each page reads one row past its items, to
  // know whether more follow: 6 + 6 + 2), its 2 sites and its crew, nothing of the empty models; and
  // each job's site, read by key for the `site` field. A scan would read every row of every table.
  const read = server.rowsRead() - before;
  assert.equal(read, 6 + 6 + 2 + 2 + 1 + 12, `rows read: ${read}; a scan reads at least ${ALL_ROWS}`);
});

test('joining crews brings their records without a reload, by a full sync even when the expression stays the same', async () => {
  await setCrews(['north', 'south']);
  await waitFor(
    "South's jobs on the phone",
    async () => (await idsOn('Job')).length === jobsOf(['north', 'south']).length,
  );
  assert.deepEqual(await idsOn('Job'), jobsOf(['north', 'south']));

  // Several crews sync unfiltered both before and after: DataStore sees no new expression, and only
  // the device's own bookkeeping makes the next sync a full one.
  const from = (await phone.events()).hub.length;
  await setCrews(['north', 'south', 'east']);
  await waitFor(
    "East's jobs on the phone",
    async () => (await idsOn('Job')).length === jobsOf(['north', 'south', 'east']).length,
  );
  assert.deepEqual(await idsOn('Site'), sitesOf(['north', 'south', 'east']));
  assert.deepEqual(await syncsSince(from), Array(MODELS).fill('full'));
  assert.deepEqual(await phone.call('evictions'), [], 'nothing left the phone');
});

test('leaving crews evicts their records from the phone only; one with a queued edit goes once the edit is answered', async () => {
  const from = (await phone.events()).hub.length;
  // Offline, an edit of a North job waits in the outbox.
  await phone.call('holdRetries');
  network.cut();
  await phone.call('update', { model: 'Job', id: 'n1-job-1', fields: { title: 'Edited offline' } });
  await waitFor('the edit waits to be retried', async () => (await phone.call<number>('retrySleeps')) > 0, 30_000);
  network.restore();
  await phone.call('releaseRetries');
  // Back online, the first attempt after the restart is held, to look at the phone meanwhile.
  await phone.call('hold');
  await setCrews(['south']);

  assert.deepEqual(await idsOn('Job'), [...jobsOf(['south']), 'n1-job-1'].sort(), 'all but the queued edit evicted');
  assert.deepEqual(await idsOn('Site'), sitesOf(['south']));
  assert.deepEqual(await idsOn('Crew'), ['south']);
  await phone.call('heldSend');
  assert.deepEqual(await idsOn('Job'), [...jobsOf(['south']), 'n1-job-1'].sort(), 'kept while its edit is sent');

  await phone.call('release');
  await waitFor(
    'the edited job leaves the phone once its edit is answered',
    async () => !(await idsOn('Job')).includes('n1-job-1'),
    30_000,
  );
  assert.equal(await phone.outbox(), 0);

  // She had left North when the edit was sent: AppSync refuses it, and the refusal is filed with her values.
  const { hub, reviews } = await phone.events();
  const filed = reviews?.list ?? [];
  assert.deepEqual(
    filed.map((entry) => entry.recordId),
    ['n1-job-1'],
    'the only review entry is the refused edit: evictions file nothing',
  );
  assert.ok(JSON.stringify(filed).includes('Edited offline'));
  assert.equal(hub.filter((event) => event.event === 'errorHandler').length, 1);

  const evicted = (await phone.call<{ model: string; id: string }[]>('evictions')).map(({ id }) => id);
  assert.deepEqual(
    evicted.filter((id) => !id.startsWith('s')).sort(),
    [...jobsOf(['north', 'east']), ...sitesOf(['north', 'east']), 'east', 'north'].sort(),
  );
  // Locally only: no delete was sent, and the server keeps every record the phone let go.
  assert.deepEqual(
    (await phone.sent()).filter((mutation) => mutation.field.startsWith('delete')),
    [],
  );
  for (const id of ['n1-job-1', 'n2-job-3', 'e1-job-2']) {
    const kept = await onServer(id);
    assert.equal(kept?._deleted ?? null, null, `${id} still on the server`);
  }
  assert.deepEqual(await phone.call('orphans'), [], 'no orphaned children were looked for');
  // What stays was not downloaded again: the next sync was a delta sync.
  assert.deepEqual(await syncsSince(from), Array(MODELS).fill('delta'));
});

test('a full sync removes, on the phone only, a record the server no longer has (deleted while it was away, its tombstone gone)', async () => {
  await phone.call('stop');
  const token = await accessTokenOf({ url: server.url.replace(/\/$/, ''), dbPath: db.path }, OFFICE);
  const deleted = await gql(
    server.port,
    'mutation { deleteJob(input: { id: "s1-job-2", _version: 1 }) { id } }',
    {},
    { authorization: token },
  );
  assert.equal(deleted.body.errors, undefined);
  // Tombstones older than the retention are purged: the server no longer knows the job existed.
  const store = new SqliteStore(db.path);
  assert.equal(store.purgeTombstones(Date.now() + 60_000), 1);
  store.close();

  await phone.call('fullSyncNext');
  await phone.call('restartSync', {}, 60_000);
  await waitFor('the ghost leaves the phone', async () => !(await idsOn('Job')).includes('s1-job-2'), 20_000);
  assert.deepEqual(
    await idsOn('Job'),
    jobsOf(['south']).filter((id) => id !== 's1-job-2'),
  );
  assert.deepEqual(
    (await phone.call<{ id: string }[]>('ghosts')).map(({ id }) => id),
    ['s1-job-2'],
  );
  assert.deepEqual(
    (await phone.sent()).filter((mutation) => mutation.field.startsWith('delete')),
    [],
  );
});
