import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, gql, tempDbPath, waitFor } from './harness.ts';
import { startOtherSchemaServer, writeOtherSchemaModels } from './other-schemas.ts';

// Two real DataStore clients sync models keyed by @primaryKey (other-schemas.ts) with the server.
const db = tempDbPath();
let server: RunningServer;
let a: DataStoreClient;
let b: DataStoreClient;

const readingKey = { deviceId: 'pump-1', takenAt: '2026-11-28T08:00:00.000Z', seq: 1 };

before(async () => {
  const [started, modelsModule] = await Promise.all([startOtherSchemaServer(db.path), writeOtherSchemaModels()]);
  server = started;
  [a, b] = await Promise.all([DataStoreClient.spawn(), DataStoreClient.spawn()]);
  await Promise.all([a.start(server.port, API_KEY, { modelsModule }), b.start(server.port, API_KEY, { modelsModule })]);
});

after(async () => {
  a.kill();
  b.kill();
  await server.close();
  db.cleanup();
});

async function serverNote(noteId: string) {
  const { body } = await gql(server.port, `query($id: ID!) { getNote(noteId: $id) { body _version _deleted } }`, {
    id: noteId,
  });
  return body.data.getNote as { body: string; _version: number; _deleted: boolean | null } | null;
}

test('a record keyed by its own field syncs to another device, is edited there and deleted', async () => {
  await a.call('create', { model: 'Note', fields: { noteId: 'gate', body: 'Gate code 1234', priority: 1 } });
  await waitFor('the note on the server', async () => (await serverNote('gate'))?._version === 1);
  await waitFor('the note on device B', async () =>
    (await b.query('Note')).some((note) => note['noteId'] === 'gate' && note['body'] === 'Gate code 1234'),
  );

  await b.call('update', { model: 'Note', id: 'gate', fields: { body: 'Gate code 4321' } });
  await waitFor('the edit on the server', async () => (await serverNote('gate'))?.body === 'Gate code 4321');
  await waitFor('the edit on device A', async () =>
    (await a.query('Note')).some((note) => note['noteId'] === 'gate' && note['body'] === 'Gate code 4321'),
  );

  await a.call('delete', { model: 'Note', id: 'gate' });
  await waitFor('the tombstone on the server', async () => (await serverNote('gate'))?._deleted === true);
  await waitFor('the delete on device B', async () => !(await b.query('Note')).some((n) => n['noteId'] === 'gate'));
});

test('a record keyed by a partition key and two sort key fields merges concurrent edits (Auto Merge)', async () => {
  await a.call('create', { model: 'Reading', fields: { ...readingKey, value: 1.5 } });
  await waitFor('the reading on device B', async () => (await b.query('Reading')).some((r) => r['value'] === 1.5));

  // B edits from the version both devices saw while A's edit of another field is already on the server.
  await b.call('hold');
  await b.call('update', { model: 'Reading', id: readingKey, fields: { tags: ['checked'] } });
  await a.call('update', { model: 'Reading', id: readingKey, fields: { value: 2.5 } });
  await waitFor('A on the server', async () => {
    const { body } = await gql(
      server.port,
      `{ getReading(deviceId: "pump-1", takenAt: "2026-11-28T08:00:00.000Z", seq: 1) { value } }`,
    );
    return body.data.getReading?.value === 2.5;
  });
  await b.call('release');

  const merged = await waitFor('both edits on the server', async () => {
    const { body } = await gql(
      server.port,
      `{ getReading(deviceId: "pump-1", takenAt: "2026-11-28T08:00:00.000Z", seq: 1) { value tags } }`,
    );
    const reading = body.data.getReading as { value: number; tags: string[] | null } | null;
    return reading?.tags?.includes('checked') ? reading : undefined;
  });
  assert.deepEqual(merged, { value: 2.5, tags: ['checked'] });
  for (const device of [a, b]) {
    await waitFor('the merged reading on each device', async () =>
      (await device.query('Reading')).some(
        (r) => r['value'] === 2.5 && (r['tags'] as string[] | null)?.[0] === 'checked',
      ),
    );
  }
});

test('a stale edit of a record keyed by its own field reaches the device conflict handler (Optimistic Concurrency)', async () => {
  await a.call('create', { model: 'Note', fields: { noteId: 'pump', body: 'Check seals' } });
  await waitFor('the note on device B', async () => (await b.query('Note')).some((n) => n['noteId'] === 'pump'));

  await b.call('hold');
  await b.call('update', { model: 'Note', id: 'pump', fields: { body: 'Seals replaced' } });
  await a.call('update', { model: 'Note', id: 'pump', fields: { body: 'Seals leaking' } });
  await waitFor('A on the server', async () => (await serverNote('pump'))?.body === 'Seals leaking');
  await b.call('release');

  const { conflicts } = await waitFor('B told of the conflict', async () => {
    const events = await b.events();
    return events.conflicts.some((c) => c.model === 'Note') ? events : undefined;
  });
  const conflict = conflicts.find((c) => c.model === 'Note');
  assert.equal(conflict?.local['body'], 'Seals replaced');
  assert.equal(conflict?.remote['body'], 'Seals leaking');
  assert.equal((await serverNote('pump'))?.body, 'Seals leaking');
});
