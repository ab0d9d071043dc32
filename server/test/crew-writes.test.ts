import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { scopeOf } from '../../src/app/domains/crews/util/crew-scope.ts';
import { accessTokenOf, addCrewMember, type CrewMember } from '../../testing/crew-members.ts';
import { crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { startNorthSouthServer } from './crew-scoped-server.ts';
import { gql, officeToken, tempDbPath, waitFor } from './harness.ts';
import { configureAuth, POOL } from './user-pool-client.ts';

// amplify/'s own schema, as the app and AppSync have it: North and South each work a site; Ana is in
// North. Her device, a real DataStore client signed in as her, and her token over the bare API.
const db = tempDbPath();
let server: RunningServer;
let device: DataStoreClient;
/** The job Ana's device makes on North's site. */
let newJob = '';
const ANA: CrewMember = {
  email: 'ana@fieldbook.test',
  name: 'Ana',
  group: 'Crew',
  password: 'Ana-password-1',
  crews: ['north'],
};
const NORTH = crewScope('north');
const SOUTH = crewScope('south');
const job = (id: string, siteID: string, scope: object) => ({
  id,
  siteID,
  title: `Job ${id}`,
  status: 'OPEN',
  priority: 'NORMAL',
  ...scope,
});

const asAna = async (query: string, variables: Record<string, unknown> = {}) =>
  gql(server.port, query, variables, {
    authorization: await accessTokenOf({ url: server.url.replace(/\/$/, ''), dbPath: db.path }, ANA),
  });
const asOffice = async (query: string, variables: Record<string, unknown> = {}) =>
  gql(server.port, query, variables, { authorization: await officeToken(server.port) });
const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

before(async () => {
  server = await startNorthSouthServer(db.path, (store) => {
    insertRecords(store, 'Site', [
      { id: 'n1', name: 'North yard', ...NORTH },
      { id: 's1', name: 'South yard', ...SOUTH },
    ]);
    insertRecords(store, 'Job', [job('n1-job', 'n1', NORTH), job('s1-job', 's1', SOUTH)]);
    insertRecords(store, 'FieldNote', [
      { id: 's1-note', jobID: 's1-job', body: 'South reading', observedAt: '2026-03-01T08:00:00.000Z', ...SOUTH },
    ]);
  });
  addCrewMember(db.path, ANA);
  await configureAuth(server.url);
  device = await DataStoreClient.spawn();
  await device.start(server.port, '', {
    userPool: { ...POOL, endpoint: `${server.url}cognito-idp`, username: ANA.email, password: ANA.password },
  });
});

after(async () => {
  device?.kill();
  await server?.close();
  db.cleanup();
});

describe('a North crew member', { timeout: 120_000 }, () => {
  test("holds North's records on her device and none of South's", async () => {
    await waitFor('the crew’s job on the device', async () => (await device.query('Job')).length > 0, 30_000);

    assert.deepEqual(ids((await device.query('Site')) as { id: string }[]), ['n1']);
    assert.deepEqual(ids((await device.query('Job')) as { id: string }[]), ['n1-job']);
    assert.deepEqual(await device.query('FieldNote'), []);
    assert.deepEqual(ids((await device.query('Crew')) as { id: string }[]), ['north']);
  });

  test("creates a job on a North site with North's scope (the app's scopeOf), and it lands as it is", async () => {
    // The app names a crew's group as the server's crew directory does.
    assert.deepEqual(scopeOf('north'), NORTH);
    const { id, ...fields } = job('n1-new', 'n1', scopeOf('north'));
    newJob = (await device.call<{ id: string }>('create', { model: 'Job', fields })).id;
    assert.notEqual(id, newJob, 'the device chose the id');

    await waitFor('the job sent', async () => (await device.outbox()) === 0, 20_000);
    const { body } = await asOffice('query ($id: ID!) { getJob(id: $id) { id crewID crewGroup _version } }', {
      id: newJob,
    });
    assert.deepEqual(body.data.getJob, { id: newJob, ...NORTH, _version: 1 });
    assert.equal((await device.events()).hub.filter((event) => event.event === 'errorHandler').length, 0);
  });

  test("is refused a job on South's site forged over the API, with South's scope or with none", async () => {
    const create = 'mutation ($input: CreateJobInput!) { createJob(input: $input) { id } }';
    for (const [id, scope] of [
      ['forged-south', SOUTH],
      ['forged-none', {}],
    ] as const) {
      const { body } = await asAna(create, { input: job(id, 's1', scope) });
      assert.equal(body.errors?.[0]?.errorType, 'Unauthorized', `${id}: ${JSON.stringify(body)}`);
    }
    const history = await asAna(
      'mutation ($input: CreateChangeLogEntryInput!) { createChangeLogEntry(input: $input) { id } }',
      {
        input: {
          recordModel: 'Job',
          recordID: 's1-job',
          operation: 'update',
          fields: '{}',
          savedAt: '2026-03-01T08:00:00.000Z',
          ...SOUTH,
        },
      },
    );
    assert.equal(history.body.errors?.[0]?.errorType, 'Unauthorized');
    const edit = await asAna('mutation { updateJob(input: { id: "s1-job", title: "Mine now", _version: 1 }) { id } }');
    assert.equal(edit.body.errors?.[0]?.errorType, 'Unauthorized');

    const { body } = await asOffice('{ syncJobs { items { id title } } }');
    assert.deepEqual(ids(body.data.syncJobs.items), ['n1-job', newJob, 's1-job'].sort());
    assert.equal(body.data.syncJobs.items.find((each: { id: string }) => each.id === 's1-job').title, 'Job s1-job');
  });

  test('reads nothing of South over sync, list or get', async () => {
    const { body } = await asAna(
      '{ syncSites { items { id } } syncJobs { items { id } } syncFieldNotes { items { id } } listJobs { items { id } } }',
    );
    assert.deepEqual(ids(body.data.syncSites.items), ['n1']);
    assert.deepEqual(ids(body.data.syncJobs.items), ['n1-job', newJob].sort());
    assert.deepEqual(body.data.syncFieldNotes.items, []);
    assert.deepEqual(ids(body.data.listJobs.items), ['n1-job', newJob].sort());
    for (const query of ['{ getJob(id: "s1-job") { id } }', '{ getSite(id: "s1") { id } }']) {
      const other = await asAna(query);
      assert.equal(other.body.errors?.[0]?.errorType, 'Unauthorized', query);
    }
  });
});
