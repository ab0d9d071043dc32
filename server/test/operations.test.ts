import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { after, test } from 'node:test';

import WebSocket from 'ws';

import { gate } from '../../testing/gate.ts';
import { serverEntry } from '../../testing/server-process.ts';
import { repositoryRoot } from '../src/amplify-project.ts';
import { insertRecords } from '../src/seed.ts';
import { backupDatabase } from '../src/store/backup.ts';
import { DataStoreClient } from './client-process.ts';
import {
  API_KEY,
  deviceAccount,
  gql,
  officeToken,
  spawnCommandLineServer,
  startTestServer,
  tempDbPath,
} from './harness.ts';

const cleanups: (() => void | Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function createSites(port: number, names: string[]): Promise<string[]> {
  const acknowledged: string[] = [];
  await Promise.all(
    names.map(async (name) => {
      const { status, body } = await gql(port, 'mutation($n: String!) { createSite(input: { name: $n }) { id } }', {
        n: name,
      }).catch(() => ({ status: 0, body: undefined }));
      const id = (body as { data?: { createSite?: { id?: string } } } | undefined)?.data?.createSite?.id;
      if (status === 200 && id) acknowledged.push(id);
    }),
  );
  return acknowledged;
}

async function siteIds(port: number): Promise<Set<string>> {
  const { body } = await gql(port, '{ listSites(limit: 10000) { items { id } } }');
  return new Set((body.data.listSites.items as { id: string }[]).map((site) => site.id));
}

test('an online backup, taken while devices write, restores into a server a new device syncs from', async () => {
  const live = tempDbPath();
  const server = await startTestServer(live.path, {
    seed: (store) => insertRecords(store, 'Site', [{ id: 'depot', name: 'Depot' }]),
  });
  cleanups.push(
    () => server.close(),
    () => live.cleanup(),
  );
  const before = await createSites(server.port, ['North', 'South', 'East']);
  const health = await fetch(`http://127.0.0.1:${server.port}/health`);
  assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);

  // Writes keep landing while the backup runs.
  const restored = tempDbPath();
  cleanups.push(() => restored.cleanup());
  const backupFile = `${restored.path}.backup`;
  const [during] = await Promise.all([
    createSites(
      server.port,
      Array.from({ length: 40 }, (_, i) => `During ${i}`),
    ),
    backupDatabase(live.path, backupFile),
  ]);
  assert.equal(during.length, 40, 'the server kept answering writes during the backup');
  await assert.rejects(backupDatabase(live.path, backupFile), /exists/);

  // Restore: the backup file becomes the database of a fresh server.
  copyFileSync(backupFile, restored.path);
  const fresh = await startTestServer(restored.path);
  cleanups.push(() => fresh.close());
  const onFresh = await siteIds(fresh.port);
  for (const id of ['depot', ...before]) assert.ok(onFresh.has(id), `${id} is in the backup`);

  const device = await DataStoreClient.spawn();
  cleanups.push(() => device.kill());
  await device.start(fresh.port, API_KEY, { userPool: await deviceAccount(fresh.port) });
  const synced = new Set((await device.query('Site')).map((site) => String(site['id'])));
  assert.deepEqual([...synced].sort(), [...onFresh].sort(), 'a new device first-syncs every restored site');
});

test(
  'SIGTERM drains: every acknowledged write survives, sockets are told to reconnect',
  { timeout: 60_000 },
  async () => {
    const db = tempDbPath();
    cleanups.push(() => db.cleanup());
    const start = () =>
      spawnCommandLineServer(serverEntry('main'), {
        cwd: repositoryRoot,
        dbPath: db.path,
      });
    const first = start();
    const port = await first.port;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql/realtime`, ['graphql-ws']);
    const socketClosed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));

    const token = await officeToken(port);
    const probe = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query: '{ listSites { items { id } } }' }),
    });
    const requestId = probe.headers.get('x-amzn-requestid');
    assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);

    const exited = new Promise<number | null>((resolve) => first.child.once('exit', (code) => resolve(code)));
    // Opened at each writer's first acknowledged write: the stop lands with all six writing.
    const writing = Array.from({ length: 6 }, () => gate());
    const writers = writing.map((started, writer) =>
      (async () => {
        const acknowledged: string[] = [];
        for (let i = 0; ; i++) {
          const ids = await createSites(port, [`Writer ${writer} #${i}`]);
          if (ids.length === 0) return acknowledged;
          acknowledged.push(...ids);
          started.open();
        }
      })(),
    );
    await Promise.all(writing.map((started) => started.opened));
    first.child.kill('SIGTERM');
    const acknowledged = (await Promise.all(writers)).flat();
    assert.equal(await exited, 0, `the server stopped cleanly: ${first.output().slice(-500)}`);
    assert.equal(await socketClosed, 1012);
    // The log: JSON lines, the probe's line under its request id, and no token anywhere.
    const lines = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(
      lines.some((line) => line['requestId'] === requestId && line['status'] === 200 && line['path'] === '/graphql'),
    );
    assert.ok(!first.output().includes(token), 'the access token is not logged');
    assert.ok(acknowledged.length > 0);
    assert.ok(existsSync(db.path));

    const second = start();
    cleanups.push(() => void second.child.kill());
    const stored = await siteIds(await second.port);
    const lost = acknowledged.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes were lost`);
  },
);
