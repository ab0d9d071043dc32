import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, byId, deviceAccount, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';

// Real DataStore clients (aws-amplify in Node) against the real server: no protocol mocks.
const db = tempDbPath();
let server: RunningServer;
const clients: DataStoreClient[] = [];
const PAGE = 5;

async function serverRecords(plural: string, fields: string): Promise<Record<string, unknown>[]> {
  const { body } = await gql(server.port, `query { list${plural}(limit: 1000) { items { ${fields} } nextToken } }`);
  assert.equal(body.errors, undefined);
  return body.data[`list${plural}`].items;
}

async function client(options: Parameters<DataStoreClient['start']>[2] = {}): Promise<DataStoreClient> {
  const c = await DataStoreClient.spawn();
  clients.push(c);
  await c.start(server.port, API_KEY, { syncPageSize: PAGE, userPool: await deviceAccount(server.port), ...options });
  return c;
}

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(
        store,
        'Site',
        Array.from({ length: 12 }, (_, i) => ({
          id: `site-${i}`,
          name: `Site ${i}`,
          location: { latitude: 1.5 + i, longitude: -0.25 },
        })),
      );
      insertRecords(
        store,
        'Job',
        Array.from({ length: 17 }, (_, i) => ({
          id: `job-${i}`,
          siteID: `site-${i % 12}`,
          title: `Job ${i}`,
          status: i % 3 === 0 ? 'OPEN' : 'DONE',
          priority: 'NORMAL',
          tags: ['a', `t${i}`],
          checklist: [{ id: 'c1', label: 'Check', done: false, doneAt: null }],
        })),
      );
      insertRecords(
        store,
        'FieldNote',
        Array.from({ length: 23 }, (_, i) => ({
          id: `note-${i}`,
          jobID: `job-${i % 17}`,
          body: `Note ${i}`,
          observedAt: '2026-02-01T10:00:00.000Z',
          reading: i + 0.125,
          attributes: '{"gauge": "G-1",  "n": 1.50}',
        })),
      );
    },
  });
});

after(async () => {
  for (const c of clients) c.kill();
  await server.close();
  db.cleanup();
});

test(
  'first start: a paged full sync leaves the client holding exactly the server records',
  { timeout: 60_000 },
  async () => {
    const a = await client();
    for (const [model, plural, fields] of [
      ['Site', 'Sites', 'id name location { latitude longitude accuracyMeters } _version'],
      ['Job', 'Jobs', 'id siteID title status tags _version'],
      ['FieldNote', 'FieldNotes', 'id jobID body reading attributes _version'],
    ] as const) {
      const expected = await serverRecords(plural, fields);
      assert.ok(expected.length > PAGE * 2, `${model} spans several pages`);
      const local = byId(await a.query(model));
      assert.deepEqual([...local.keys()].sort(), expected.map((r) => String(r['id'])).sort());
      for (const record of expected) {
        for (const [field, value] of Object.entries(record)) {
          // DataStore keeps AWSJSON parsed locally; the wire value is checked in protocol.test.ts.
          const wire = field === 'attributes' && typeof value === 'string' ? JSON.parse(value) : value;
          assert.deepEqual(local.get(String(record['id']))?.[field], wire, `${model}.${field}`);
        }
      }
    }
    const synced = (await a.events()).hub.filter((e) => e.event === 'modelSynced');
    // Site, Job, FieldNote and the (here empty) ChangeLogEntry history, Attachment photos, Crew crews
    // and Handover handovers.
    assert.equal(synced.length, 7);
    assert.ok(synced.every((e) => e.data['isFullSync'] === true));
    const received = synced.map((e) => (e.data['counts'] as { new: number }).new).sort((x, y) => x - y);
    assert.deepEqual(received, [0, 0, 0, 0, 12, 17, 23]);
  },
);

test(
  'create, update and delete reach a second client within a second, with correct _versions',
  { timeout: 60_000 },
  async () => {
    const [a, b] = [clients[0] ?? (await client()), await client()];
    const created = await a.call<Record<string, unknown>>('create', {
      model: 'Site',
      fields: { name: 'Live site', notes: 'first' },
    });
    const id = String(created['id']);
    let t = Date.now();
    await waitFor('create on B', async () => byId(await b.query('Site')).get(id)?.['name'] === 'Live site', 1000, 20);
    assert.ok(Date.now() - t <= 1000);
    await waitFor(
      'create acknowledged',
      async () => byId(await serverRecords('Sites', 'id _version')).get(id)?.['_version'] === 1,
    );

    await a.call('update', { model: 'Site', id, fields: { notes: 'second' } });
    t = Date.now();
    await waitFor('update on B', async () => byId(await b.query('Site')).get(id)?.['notes'] === 'second', 1000, 20);
    assert.equal(byId(await serverRecords('Sites', 'id notes _version')).get(id)?.['_version'], 2);

    await a.call('delete', { model: 'Site', id });
    await waitFor('delete on B', async () => !byId(await b.query('Site')).has(id), 1000, 20);
    const tombstone = byId(await serverRecords('Sites', 'id _version _deleted')).get(id);
    assert.deepEqual(tombstone, { id, _version: 3, _deleted: true });
  },
);

test(
  'offline period: a restarted client catches up through a delta sync, deletions included',
  { timeout: 60_000 },
  async () => {
    const [a, b] = [clients[0]!, clients[1]!];
    await b.call('stop');
    const created = await a.call<Record<string, unknown>>('create', {
      model: 'Job',
      fields: { siteID: 'site-1', title: 'While away', status: 'OPEN', priority: 'LOW' },
    });
    await a.call('update', { model: 'Job', id: 'job-4', fields: { title: 'Renamed while away' } });
    await a.call('delete', { model: 'FieldNote', id: 'note-3' });
    await waitFor('A drained its outbox', async () => {
      const [jobs, notes] = [
        byId(await serverRecords('Jobs', 'id title _version')),
        byId(await serverRecords('FieldNotes', 'id _deleted')),
      ];
      return (
        jobs.has(String(created['id'])) &&
        jobs.get('job-4')?.['title'] === 'Renamed while away' &&
        notes.get('note-3')?.['_deleted'] === true
      );
    });
    const before = (await b.events()).hub.length;
    await b.start(server.port, API_KEY, { syncPageSize: PAGE, userPool: await deviceAccount(server.port) });
    const jobs = byId(await b.query('Job'));
    assert.equal(jobs.get(String(created['id']))?.['title'], 'While away');
    assert.equal(jobs.get('job-4')?.['title'], 'Renamed while away');
    assert.equal(byId(await b.query('FieldNote')).has('note-3'), false);
    const synced = (await b.events()).hub.slice(before).filter((e) => e.event === 'modelSynced');
    assert.equal(synced.length, 7);
    assert.ok(
      synced.every((e) => e.data['isDeltaSync'] === true),
      JSON.stringify(synced.map((e) => e.data)),
    );
  },
);

test('selective sync with a filter returns only matching records', { timeout: 60_000 }, async () => {
  const c = await client({ selective: { model: 'Job', field: 'status', eq: 'OPEN' } });
  const expected = (await serverRecords('Jobs', 'id status _deleted')).filter(
    (j) => j['status'] === 'OPEN' && !j['_deleted'],
  );
  const local = await c.query('Job');
  assert.ok(expected.length > 0 && expected.length < 17);
  assert.deepEqual(local.map((j) => j['id']).sort(), expected.map((j) => j['id']).sort());
  assert.ok(local.every((j) => j['status'] === 'OPEN'));
});
