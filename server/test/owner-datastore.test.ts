import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import Database from 'better-sqlite3';

import { transformSdl } from '../../scripts/transform.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { CREW_AUTH_MODES, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY } from './crew-schema.ts';
import { addAccount, API_KEY, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { writeOtherSchemaModels } from './other-schemas.ts';
import { NOTES_SCHEMA } from './owner-schema.ts';
import { configureAuth, POOL } from './user-pool-client.ts';

// Real DataStore clients signed in to the user pool sync notes that belong to their author: each
// crew member's device holds their own notes only, the Office's holds everyone's.
const db = tempDbPath();
let server: RunningServer;
const devices: Record<string, DataStoreClient> = {};

const texts = async (who: string) =>
  (await devices[who]!.query('Note'))
    .filter((note) => !note['_deleted'])
    .map((note) => note['text'])
    .sort();

before(async () => {
  const [started, modelsModule] = await Promise.all([
    startTestServer(db.path, {
      schemaSdl: transformSdl(NOTES_SCHEMA, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY as never),
      sourceSdl: NOTES_SCHEMA,
      conflicts: CREW_SCHEMA_CONFLICTS,
      authModes: CREW_AUTH_MODES,
      seed: 'none',
    }),
    writeOtherSchemaModels(NOTES_SCHEMA),
  ]);
  server = started;
  await configureAuth(server.url);
  const users = [
    ['ana', 'Crew'],
    ['ben', 'Crew'],
    ['office', 'Office'],
  ] as const;
  for (const [who, group] of users) addAccount(db.path, `${who}@fieldbook.test`, `${who}-password-1`, group);
  await Promise.all(
    users.map(async ([who]) => {
      devices[who] = await DataStoreClient.spawn();
      const userPool = {
        username: `${who}@fieldbook.test`,
        password: `${who}-password-1`,
        endpoint: `${server.url}cognito-idp`,
        ...POOL,
      };
      await devices[who].start(server.port, API_KEY, { modelsModule, userPool });
    }),
  );
});

after(async () => {
  for (const device of Object.values(devices)) device.kill();
  await server.close();
  db.cleanup();
});

test("each crew member's device syncs their own notes, owned as sub::username on the server; the Office's syncs all", async () => {
  await devices['ana']!.call('create', { model: 'Note', fields: { text: 'Valve seized' } });
  await devices['ben']!.call('create', { model: 'Note', fields: { text: 'Gauge cracked' } });
  await waitFor('both notes on the Office device', async () => (await texts('office')).length === 2, 20_000);
  assert.deepEqual(await texts('office'), ['Gauge cracked', 'Valve seized']);
  const office = (await devices['office']!.query('Note')).find((note) => note['text'] === 'Valve seized');
  assert.equal(office?.['owner'], 'ana@fieldbook.test', 'owners read as their username');
  const stored = new Database(db.path, { readonly: true });
  try {
    const owners = stored.prepare("SELECT data FROM records WHERE model = 'Note'").all() as { data: string }[];
    assert.deepEqual(
      owners.map(({ data }) => (JSON.parse(data) as { owner: string }).owner.replace(/^[^:]+::/, 'sub::')).sort(),
      ['sub::ana@fieldbook.test', 'sub::ben@fieldbook.test'],
    );
  } finally {
    stored.close();
  }

  // The Office edits ana's note after ben's was made: ana's device hears the edit, and events come in
  // commit order, so ben's note, had it been sent to her, would be there by now.
  await devices['office']!.call('update', { model: 'Note', id: office!['id'], fields: { text: 'Valve freed' } });
  await waitFor("the Office edit on ana's device", async () => (await texts('ana')).includes('Valve freed'), 20_000);
  assert.deepEqual(await texts('ana'), ['Valve freed']);
  await waitFor("ben's own note on his device", async () => (await texts('ben')).includes('Gauge cracked'));
  assert.deepEqual(await texts('ben'), ['Gauge cracked']);

  // gql's default is an Office user's token; the key is what this checks.
  const { body } = await gql(server.port, '{ syncNotes { items { text owner } } }', {}, { 'x-api-key': API_KEY });
  assert.equal(body.errors[0].errorType, 'Unauthorized', 'the API key opens no notes');
  const errors = (await Promise.all(Object.values(devices).map((device) => device.events()))).flatMap((events) =>
    events.hub.filter((event) => event.event === 'errorHandler'),
  );
  assert.deepEqual(errors, [], 'no write was refused');
});
