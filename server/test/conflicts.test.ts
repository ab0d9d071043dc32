import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, gql, startTestServer, tempDbPath, waitFor } from './harness.ts';

// Two real DataStore clients edit the same record concurrently. B's mutation is held in its own
// fetch until A's write is on the server, so B's write always arrives with a stale _version.
const db = tempDbPath();
let server: RunningServer;
let a: DataStoreClient;
let b: DataStoreClient;

async function serverItem(model: string, id: string, fields: string) {
  const { body } = await gql(server.port, `query($id: ID!) { get${model}(id: $id) { ${fields} } }`, { id });
  return body.data[`get${model}`] as Record<string, unknown>;
}

async function concurrently(model: string, id: string, fromA: Record<string, unknown>, fromB: Record<string, unknown>) {
  await b.call('hold');
  await b.call('update', { model, id, fields: fromB });
  await a.call('update', { model, id, fields: fromA });
  await waitFor('A written', async () => (await serverItem(model, id, '_version'))['_version'] === 2);
  await b.call('release');
}

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot', notes: 'gate code 1234' }]);
      insertRecords(store, 'Job', [
        { id: 'j1', siteID: 's1', title: 'Inspect', status: 'IN_PROGRESS', priority: 'NORMAL', tags: ['pumps'] },
        { id: 'j2', siteID: 's1', title: 'Closed job', status: 'DONE', priority: 'NORMAL' },
        { id: 'j3', siteID: 's1', title: 'To remove', status: 'OPEN', priority: 'LOW' },
      ]);
      insertRecords(store, 'FieldNote', [
        {
          id: 'n1',
          jobID: 'j1',
          body: 'original',
          observedAt: '2026-02-01T10:00:00.000Z',
          reading: 1,
          tags: ['a'],
          attributes: '{"gauge":"G-1"}',
        },
      ]);
    },
  });
  [a, b] = await Promise.all([DataStoreClient.spawn(), DataStoreClient.spawn()]);
  await Promise.all([a.start(server.port, API_KEY), b.start(server.port, API_KEY)]);
});

after(async () => {
  a.kill();
  b.kill();
  await server.close();
  db.cleanup();
});

test(
  'Auto Merge (FieldNote): edits to different fields both survive; the same scalar keeps the server value',
  { timeout: 60_000 },
  async () => {
    await concurrently(
      'FieldNote',
      'n1',
      { body: 'from A' },
      { body: 'from B', reading: 4.5, tags: ['a', 'b'], attributes: { gauge: 'G-1', valve: 'V-2' } },
    );
    // reading was 1 on the server: B's change survives because only B changed it.
    const expected = { body: 'from A', reading: 4.5, tags: ['a', 'b'], _version: 3 };
    const merged = await waitFor('merged write', async () => {
      const item = await serverItem('FieldNote', 'n1', 'body reading tags attributes _version');
      return item['_version'] === 3 ? item : undefined;
    });
    assert.deepEqual({ ...merged, attributes: undefined }, { ...expected, attributes: undefined });
    assert.deepEqual(JSON.parse(String(merged['attributes'])), { gauge: 'G-1', valve: 'V-2' });
    for (const client of [a, b]) {
      await waitFor('clients converge', async () => {
        const note = (await client.query('FieldNote')).find((n) => n['id'] === 'n1');
        return note?.['_version'] === 3 && note['body'] === 'from A' && note['reading'] === 4.5;
      });
    }
    assert.equal((await b.events()).conflicts.length, 0, 'Auto Merge resolves on the server');
  },
);

test(
  'Optimistic Concurrency (Site): the stale write is rejected and the conflict handler sees the server copy',
  { timeout: 60_000 },
  async () => {
    await concurrently('Site', 's1', { notes: 'from A' }, { notes: 'from B' });
    const conflict = await waitFor('conflict handler called', async () =>
      (await b.events()).conflicts.find((c) => c.model === 'Site'),
    );
    assert.equal(conflict.remote['notes'], 'from A');
    assert.equal(conflict.remote['_version'], 2);
    assert.equal(conflict.local['notes'], 'from B');
    // The handler discarded B's edit, so B adopts the server copy and the server keeps A's write.
    await waitFor(
      'B adopts the server copy',
      async () => (await b.query('Site')).find((s) => s['id'] === 's1')?.['notes'] === 'from A',
    );
    assert.deepEqual(await serverItem('Site', 's1', 'notes _version'), { notes: 'from A', _version: 2 });
  },
);

test(
  'custom handler (Job): RESOLVE merges per the handler, REJECT reaches the client, REMOVE deletes',
  { timeout: 60_000 },
  async () => {
    await concurrently('Job', 'j1', { title: 'Title from A' }, { assignee: 'Sam', tags: ['pumps', 'urgent'] });
    const resolved = await waitFor('resolved job', async () => {
      const job = await serverItem('Job', 'j1', 'title assignee tags _version');
      return job['_version'] === 3 ? job : undefined;
    });
    assert.deepEqual(resolved, { title: 'Title from A', assignee: 'Sam', tags: ['pumps', 'urgent'], _version: 3 });

    await concurrently('Job', 'j2', { description: 'closing notes' }, { title: 'Reopen attempt' });
    // The REJECT reaches B's conflict handler with B's edit laid over the server copy (patches/LEDGER.md, D10:
    // unpatched, the partial input lacks the required siteID and the handler never runs).
    const rejected = await waitFor('conflict handler called for Job', async () =>
      (await b.events()).conflicts.find((c) => c.model === 'Job'),
    );
    assert.equal(rejected.local['title'], 'Reopen attempt');
    assert.equal(rejected.local['siteID'], 's1');
    assert.equal(rejected.remote['title'], 'Closed job');
    assert.equal(rejected.remote['description'], 'closing notes');
    await waitFor('B adopts the server copy after REJECT', async () => {
      const job = (await b.query('Job')).find((j) => j['id'] === 'j2');
      return job?.['title'] === 'Closed job' && job['_version'] === 2;
    });
    assert.deepEqual(await serverItem('Job', 'j2', 'title description _version'), {
      title: 'Closed job',
      description: 'closing notes',
      _version: 2,
    });

    await b.call('hold');
    await b.call('delete', { model: 'Job', id: 'j3' });
    await a.call('update', { model: 'Job', id: 'j3', fields: { title: 'Edited by A' } });
    await waitFor('A written', async () => (await serverItem('Job', 'j3', '_version'))['_version'] === 2);
    await b.call('release');
    await waitFor(
      'REMOVE applied',
      async () => (await serverItem('Job', 'j3', '_deleted _version'))['_deleted'] === true,
    );
    await waitFor('A drops the removed job', async () => !(await a.query('Job')).some((j) => j['id'] === 'j3'));
  },
);
