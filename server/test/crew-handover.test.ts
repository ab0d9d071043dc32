import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addCrewMember, type CrewMember, OFFICE } from '../../testing/crew-members.ts';
import { readSchema } from '../src/amplify-project.ts';
import { CrewDirectory, crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { asOfficeOn, startCrewScopedServer } from './crew-scoped-server.ts';
import { tempDbPath, waitFor } from './harness.ts';
import { writeOtherSchemaModels } from './other-schemas.ts';
import { LoopbackProxy } from './proxy.ts';
import { POOL } from './user-pool-client.ts';

// The office moves a site from North to South while a North member's phone is offline with an edit
// of one of its jobs. AppSync sends North's phone nothing about the site, its jobs or their
// children any more (they carry South's crewID now); the handover in North's scope is what it hears.
const db = tempDbPath();
let server: RunningServer;
let north: DataStoreClient;
let south: DataStoreClient;
/** North's phone's way to the API, cut to take it offline (its way to the user pool stays). */
let network: LoopbackProxy;
const ANA: CrewMember = { email: 'ana@fieldbook.test', name: 'Ana', group: 'Crew', password: 'Ana-password-1' };
const BO: CrewMember = { email: 'bo@fieldbook.test', name: 'Bo', group: 'Crew', password: 'Bo-password-12' };
const JOBS = ['n1-job-1', 'n1-job-2', 'n1-job-3'];

function seed(store: ConstructorParameters<typeof CrewDirectory>[0]): void {
  const crews = new CrewDirectory(store);
  crews.create('North', 'north');
  crews.create('South', 'south');
  insertRecords(store, 'Site', [
    { id: 'n1', name: 'Harbour', ...crewScope('north') },
    { id: 'n2', name: 'Quay', ...crewScope('north') },
    { id: 'n3', name: 'Slipway', ...crewScope('north') },
  ]);
  insertRecords(
    store,
    'Job',
    [...JOBS, 'n2-job-1', 'n3-job-1'].map((id) => ({
      id,
      siteID: id.split('-')[0],
      title: `Job ${id}`,
      status: 'OPEN',
      priority: 'NORMAL',
      ...crewScope('north'),
    })),
  );
  insertRecords(store, 'FieldNote', [
    {
      id: 'note-1',
      jobID: 'n1-job-2',
      body: 'Valve checked',
      observedAt: '2026-12-01T08:00:00.000Z',
      ...crewScope('north'),
    },
  ]);
  insertRecords(store, 'ChangeLogEntry', [
    {
      id: 'history-1',
      recordModel: 'Site',
      recordID: 'n1',
      operation: 'create',
      fields: '{"name":"Harbour"}',
      savedAt: '2026-12-01T07:00:00.000Z',
      ...crewScope('north'),
    },
  ]);
}

const scopeOf = (crew: string) => ({ crewGroups: [crewGroupOf(crew)], syncCrew: crew });

const idsOn = async (phone: DataStoreClient, model: string) =>
  (await phone.query(model))
    .filter((record) => !record['_deleted'])
    .map((record) => String(record['id']))
    .sort();

const asOffice = (query: string) => asOfficeOn(server, db.path, query);

/**
 * What the office's app writes to move site n1 to South (shared/data/crew-move.ts): the site and
 * everything on it in South's scope, each job keeping North's group for updates, then the handover
 * in North's scope.
 */
async function moveSiteToSouth(): Promise<void> {
  await moveToSouth('n1', JOBS, ['note-1'], ['history-1']);
}

async function moveToSouth(site: string, jobs: string[], notes: string[], history: string[]): Promise<void> {
  const versions = (await asOffice(
    `{ syncJobs(limit: 100) { items { id _version } } syncFieldNotes(limit: 10) { items { id _version } }
       syncChangeLogEntries(limit: 10) { items { id _version } } getSite(id: "${site}") { _version } }`,
  )) as {
    syncJobs: { items: { id: string; _version: number }[] };
    syncFieldNotes: { items: { id: string; _version: number }[] };
    syncChangeLogEntries: { items: { id: string; _version: number }[] };
    getSite: { _version: number };
  };
  const south = `crewID: "south", crewGroup: "${crewGroupOf('south')}"`;
  const version = (items: { id: string; _version: number }[], id: string) =>
    items.find((item) => item.id === id)!._version;
  await asOffice(
    `mutation { updateSite(input: { id: "${site}", ${south}, _version: ${versions.getSite._version} }) { id } }`,
  );
  for (const id of jobs)
    await asOffice(
      `mutation { updateJob(input: { id: "${id}", ${south}, previousCrewGroup: "${crewGroupOf('north')}", _version: ${version(versions.syncJobs.items, id)} }) { id } }`,
    );
  for (const id of notes)
    await asOffice(
      `mutation { updateFieldNote(input: { id: "${id}", ${south}, _version: ${version(versions.syncFieldNotes.items, id)} }) { id } }`,
    );
  for (const id of history)
    await asOffice(
      `mutation { updateChangeLogEntry(input: { id: "${id}", ${south}, _version: ${version(versions.syncChangeLogEntries.items, id)} }) { id } }`,
    );
  await asOffice(
    `mutation { createHandover(input: { crewID: "north", crewGroup: "${crewGroupOf('north')}", recordModel: "Site", recordID: "${site}", toCrewID: "south", handedOverAt: "${new Date().toISOString()}" }) { id } }`,
  );
}

async function startPhone(phone: DataStoreClient, port: number, member: CrewMember, crew: string): Promise<void> {
  await phone.start(port, '', {
    modelsModule: await writeOtherSchemaModels(readSchema()),
    userPool: { ...POOL, endpoint: `${server.url}cognito-idp`, username: member.email, password: member.password },
    syncPageSize: 100,
    scope: scopeOf(crew),
  });
}

before(async () => {
  server = await startCrewScopedServer(db.path, seed);
  network = await LoopbackProxy.start(server.port);
  addCrewMember(db.path, OFFICE);
  addCrewMember(db.path, { ...ANA, crews: ['north'] });
  addCrewMember(db.path, { ...BO, crews: ['south'] });
  [north, south] = await Promise.all([DataStoreClient.spawn(), DataStoreClient.spawn()]);
  await startPhone(north, network.port, ANA, 'north');
  await startPhone(south, server.port, BO, 'south');
});

after(async () => {
  north.kill();
  south.kill();
  await network.close();
  await server.close();
  db.cleanup();
});

test("a site moved to another crew leaves the old crew's phone on the handover; a job with an offline edit goes once the edit lands", async () => {
  assert.deepEqual(await idsOn(north, 'Job'), [...JOBS, 'n2-job-1', 'n3-job-1']);
  assert.deepEqual(await idsOn(south, 'Job'), []);

  // Offline, Ana edits a job of the site.
  await north.call('holdRetries');
  network.cut();
  await north.call('update', { model: 'Job', id: 'n1-job-1', fields: { title: 'Edited offline' } });
  await waitFor('the edit waits to be retried', async () => (await north.call<number>('retrySleeps')) > 0, 30_000);

  await moveSiteToSouth();
  await waitFor('the site and its jobs on South’s phone', async () => (await idsOn(south, 'Job')).length === 3, 30_000);
  assert.deepEqual(await idsOn(south, 'Site'), ['n1']);

  // Back online (the sync engine started again, as when the browser says so), the edit's first
  // attempt is held at the gate, to look at the phone meanwhile.
  await north.call('hold');
  network.restore();
  await north.call('releaseRetries');
  await north.call('restartSync', {}, 60_000);
  await waitFor('the handover evicts the site', async () => !(await idsOn(north, 'Site')).includes('n1'), 30_000);
  await north.call('heldSend');
  assert.deepEqual(await idsOn(north, 'Site'), ['n2', 'n3']);
  assert.deepEqual(
    await idsOn(north, 'Job'),
    ['n1-job-1', 'n2-job-1', 'n3-job-1'],
    'kept while its edit is unanswered',
  );
  assert.deepEqual(await idsOn(north, 'FieldNote'), []);
  assert.deepEqual(await idsOn(north, 'ChangeLogEntry'), []);

  await north.call('release');
  await waitFor(
    'the edited job leaves once its edit is answered',
    async () => !(await idsOn(north, 'Job')).includes('n1-job-1'),
    30_000,
  );
  assert.equal(await north.outbox(), 0);

  // The edit landed: the job keeps North's group for updates, so AppSync admitted it.
  const { getJob } = (await asOffice('{ getJob(id: "n1-job-1") { title crewID _deleted } }')) as {
    getJob: { title: string; crewID: string; _deleted: boolean | null };
  };
  assert.deepEqual(getJob, { title: 'Edited offline', crewID: 'south', _deleted: null });
  await waitFor(
    'the edit on South’s phone',
    async () => (await south.query('Job')).some((job) => job['id'] === 'n1-job-1' && job['title'] === 'Edited offline'),
    30_000,
  );

  const { reviews } = await north.events();
  assert.deepEqual(reviews?.list ?? [], [], 'nothing filed for review');
  assert.deepEqual(
    (await north.call<{ model: string; id: string }[]>('evictions')).map(({ model, id }) => `${model}:${id}`).sort(),
    ['ChangeLogEntry:history-1', 'FieldNote:note-1', 'Job:n1-job-1', 'Job:n1-job-2', 'Job:n1-job-3', 'Site:n1'],
  );
  // Locally only: nothing deleted on the server.
  assert.deepEqual(
    (await north.sent()).filter((mutation) => mutation.field.startsWith('delete')),
    [],
  );
  assert.deepEqual(await north.call('orphans'), [], 'no orphaned children were looked for');
  assert.equal((await idsOn(north, 'Handover')).length, 1, 'the handover stays, in North’s scope');
});

test("a job and a note North made offline on a site moved meanwhile reach the server in South's scope, then leave North's phone", async () => {
  const northScope = crewScope('north');
  await waitFor('site n2 on North’s phone', async () => (await idsOn(north, 'Site')).includes('n2'), 30_000);
  const sleeps = await north.call<number>('retrySleeps');
  await north.call('holdRetries');
  network.cut();
  const { id: jobId } = await north.call<{ id: string }>('create', {
    model: 'Job',
    fields: {
      siteID: 'n2',
      title: 'Made offline',
      status: 'OPEN',
      priority: 'NORMAL',
      ...northScope,
    },
  });
  const { id: noteId } = await north.call<{ id: string }>('create', {
    model: 'FieldNote',
    fields: {
      jobID: 'n2-job-1',
      body: 'Seen offline',
      observedAt: new Date().toISOString(),
      ...northScope,
    },
  });
  await waitFor(
    'the creates wait to be retried',
    async () => (await north.call<number>('retrySleeps')) > sleeps,
    30_000,
  );

  await moveToSouth('n2', ['n2-job-1'], [], []);
  network.restore();
  await north.call('releaseRetries');
  await north.call('restartSync', {}, 60_000);

  await waitFor(
    'the new job and note leave North’s phone',
    async () => !(await idsOn(north, 'Job')).includes(jobId) && !(await idsOn(north, 'FieldNote')).includes(noteId),
    60_000,
  );
  await waitFor('North’s outbox empty', async () => (await north.outbox()) === 0, 30_000);
  const { getJob, getFieldNote } = (await asOffice(
    `{ getJob(id: "${jobId}") { title siteID crewID crewGroup previousCrewGroup _deleted }
       getFieldNote(id: "${noteId}") { body crewID crewGroup _deleted } }`,
  )) as { getJob: Record<string, unknown>; getFieldNote: Record<string, unknown> };
  assert.deepEqual(getJob, {
    title: 'Made offline',
    siteID: 'n2',
    crewID: 'south',
    crewGroup: crewGroupOf('south'),
    previousCrewGroup: crewGroupOf('north'),
    _deleted: null,
  });
  assert.deepEqual(getFieldNote, {
    body: 'Seen offline',
    crewID: 'south',
    crewGroup: crewGroupOf('south'),
    _deleted: null,
  });
  await waitFor(
    'the job and note on South’s phone',
    async () => (await idsOn(south, 'Job')).includes(jobId) && (await idsOn(south, 'FieldNote')).includes(noteId),
    30_000,
  );
  assert.deepEqual(await idsOn(north, 'Site'), ['n3'], 'the moved site left too');
  const { reviews } = await north.events();
  assert.deepEqual(reviews?.list ?? [], [], 'nothing filed for review');
  assert.deepEqual(
    (await north.sent()).filter((mutation) => mutation.field.startsWith('delete')),
    [],
  );
});

test("the office's device, which holds every crew's share, keeps a site it moved after the handover", async () => {
  const office = await DataStoreClient.spawn();
  try {
    await office.start(server.port, '', {
      modelsModule: await writeOtherSchemaModels(readSchema()),
      userPool: { ...POOL, endpoint: `${server.url}cognito-idp`, username: OFFICE.email, password: OFFICE.password },
      syncPageSize: 100,
      scope: { crewGroups: null, syncCrew: null },
    });
    await waitFor(
      'the handovers on the office’s device',
      async () => (await idsOn(office, 'Handover')).length >= 2,
      30_000,
    );
    await office.call('handoversHandled');
    assert.deepEqual(await office.call('evictions'), [], 'nothing leaves a device that holds every crew');
    assert.deepEqual(await idsOn(office, 'Site'), ['n1', 'n2', 'n3']);
    assert.ok((await idsOn(office, 'Job')).includes('n1-job-1'));
  } finally {
    office.kill();
  }
});

test("a job whose site went to another crew alone still syncs to its crew's phone, with its crew's other jobs", async () => {
  // The office's move of site n3 had only the site's own update land (its jobs' were refused, say,
  // or not sent yet): n3-job-1 stays North's while its site is South's, which North may not read.
  await north.call('stop');
  const { getSite } = (await asOffice('{ getSite(id: "n3") { _version } }')) as { getSite: { _version: number } };
  await asOffice(
    `mutation { updateSite(input: { id: "n3", crewID: "south", crewGroup: "${crewGroupOf('south')}", _version: ${getSite._version} }) { id } }`,
  );
  const { getJob } = (await asOffice('{ getJob(id: "n3-job-1") { _version } }')) as { getJob: { _version: number } };
  await asOffice(
    `mutation { updateJob(input: { id: "n3-job-1", title: "Retitled", _version: ${getJob._version} }) { id } }`,
  );

  // A full sync's page of North's jobs answers n3-job-1 with its `site` refused: the page is still North's jobs.
  await north.call('fullSyncNext');
  await north.call('restartSync', {}, 60_000);
  await waitFor(
    'the retitled job on North’s phone',
    async () => (await north.query('Job')).some((job) => job['id'] === 'n3-job-1' && job['title'] === 'Retitled'),
    30_000,
  );
  const job = (await north.query('Job')).find((found) => found['id'] === 'n3-job-1');
  assert.equal(job?.['siteID'], 'n3', 'the job keeps its key to the site it may no longer read');
});
