import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { after, test } from 'node:test';

import { checkHistory, type Sent } from '../fuzz/oracle.ts';
import { answeredWithoutOwner, historyAsShown, historyWithoutOwners, wrongOwners } from '../fuzz/owners.ts';
import { differences, liveRecords, readHistory } from '../fuzz/server-state.ts';
import { insertRecords } from '../src/seed.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, forkServer, schemaSdl, tempDbPath, waitFor } from './harness.ts';
import { LoopbackProxy } from './proxy.ts';

const db = tempDbPath();
const schemaFile = `${db.path}.graphql`;
const clients: DataStoreClient[] = [];
const children: ChildProcess[] = [];
let proxy: LoopbackProxy | undefined;

/** The server behind `front`, the address devices know it by, as a server behind its own front is. */
const OWNER = /^office-device@fieldbook\.test$/;

async function serverProcess(front: LoopbackProxy): Promise<{ child: ChildProcess; port: number }> {
  const server = await forkServer(db.path, schemaFile, `http://127.0.0.1:${front.port}/`);
  front.upstreamPort = server.port;
  children.push(server.child);
  return server;
}

after(async () => {
  await proxy?.close();
  for (const c of clients) c.kill();
  for (const c of children) c.kill('SIGKILL');
  db.cleanup();
});

test(
  'server SIGKILLed while three clients drain their outboxes: no acknowledged write lost, none applied twice',
  { timeout: 120_000 },
  async () => {
    writeFileSync(schemaFile, schemaSdl());
    const store = new SqliteStore(db.path);
    insertRecords(store, 'Site', [{ id: 'site', name: 'Site' }]);
    insertRecords(store, 'Job', [{ id: 'job', siteID: 'site', title: 'Job', status: 'OPEN', priority: 'LOW' }]);
    store.close();
    const front = await LoopbackProxy.start(0);
    proxy = front;
    let server = await serverProcess(front);
    clients.push(...(await Promise.all([0, 1, 2].map(() => DataStoreClient.spawn()))));
    // Signed in through the front too: the restarted server has another port, the devices the same
    // address, and the tokens name that address (`iss`), so they stay good across the restart.
    const userPool = { ...(await deviceAccount(server.port)), endpoint: `http://127.0.0.1:${front.port}/cognito-idp` };
    await Promise.all(clients.map((c) => c.start(front.port, API_KEY, { userPool })));
    await Promise.all(clients.map((c) => c.call('hold')));
    for (const [i, c] of clients.entries()) {
      for (let n = 0; n < 6; n++) {
        const note = await c.call<{ id: string }>('create', {
          model: 'FieldNote',
          fields: { jobID: 'job', body: `c${i} n${n}`, observedAt: '2026-03-01T08:00:00.000Z', tags: [`c${i}`] },
        });
        await c.call('update', { model: 'FieldNote', id: note.id, fields: { reading: n, tags: [`c${i}`, 'edited'] } });
      }
    }
    await Promise.all(clients.map((c) => c.call('release')));
    await waitFor('some writes acknowledged', () => readHistory(db.path).size >= 3, 20_000, 5);
    const failedBefore = await Promise.all(clients.map((c) => c.call<number>('failedSends')));
    server.child.kill('SIGKILL');
    const queued = await Promise.all(clients.map((c) => c.outbox()));
    assert.ok(
      queued.some((n) => n > 0),
      'the kill landed while outboxes still held writes',
    );
    // The server stays down until every client still holding writes has had a send fail against it.
    await waitFor(
      'each client with queued writes met the server down',
      async () => {
        const failed = await Promise.all(clients.map((c) => c.call<number>('failedSends')));
        return clients.every((_, i) => queued[i] === 0 || failed[i]! > failedBefore[i]!);
      },
      30_000,
    );
    server = await serverProcess(front);
    await waitFor(
      'outboxes drained',
      async () => (await Promise.all(clients.map((c) => c.outbox()))).every((n) => n === 0),
      60_000,
      200,
    );
    const stored = readHistory(db.path);
    for (const key of ['Site:site', 'Job:job']) stored.delete(key);
    assert.equal([...stored.keys()].length, 18, 'every created note is on the server exactly once');
    for (const versions of stored.values()) assert.ok(versions.every((version) => 'owner' in version));
    assert.deepEqual(wrongOwners(stored, OWNER), [], 'every note owned by the signed-in user');
    const history = historyWithoutOwners(stored);
    const sent: Sent[] = (await Promise.all(clients.map((c) => c.sent()))).flatMap((l, client) =>
      l.map((q) => answeredWithoutOwner({ ...q, client })),
    );
    const oracle = await checkHistory({
      history,
      seeded: new Set(),
      sent,
      strategies: new Map([['FieldNote', 'AUTOMERGE']]),
    });
    assert.deepEqual(oracle.errors, []);
    for (const versions of history.values()) {
      const last = versions.at(-1);
      assert.deepEqual(last?.['tags'], [String(last?.['body']).split(' ')[0], 'edited'], 'each edit applied once');
    }
    // Writes made by others while a socket was down arrive with the next sync: restart it as a device
    // does when it sees the network again, then every client holds exactly the server's records.
    for (const c of clients) await c.call('stop').then(() => c.start(front.port, API_KEY, { userPool }));
    // Devices hold owners as the server shows them: the username of `sub::username`.
    const live = liveRecords(historyAsShown(readHistory(db.path)));
    for (const c of clients) {
      await waitFor('client converged', async () => (await differences(c, live)).length === 0, 20_000, 250).catch(
        () => undefined,
      );
      assert.deepEqual(await differences(c, live), []);
    }
  },
);
