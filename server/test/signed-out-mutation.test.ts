import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { fetchAuthSession, signIn } from 'aws-amplify/auth';

import { userPoolApi } from '../../testing/user-pool-project.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { startTestServer, tempDbPath, waitFor } from './harness.ts';
import { configureAuth, confirmInvitation, POOL } from './user-pool-client.ts';

// amplify-js #10013: a change DataStore tries to send while nobody is signed in (signed out, or a
// refresh the server refused, after which Amplify drops the tokens) fails before it is sent, and
// DataStore dequeued it as failed for good, telling nobody. patches/LEDGER.md, D12.
const db = tempDbPath();
const EMAIL = 'ana@example.test';
const PASSWORD = 'Harbour-pumps-7';
let server: RunningServer | undefined;
let client: DataStoreClient | undefined;

after(async () => {
  client?.kill();
  await server?.close();
  db.cleanup();
});

/** Jobs on the server, read as Ana with Amplify's own client in this process. */
async function jobsOnServer(port: number): Promise<string[]> {
  const token = (await fetchAuthSession()).tokens?.accessToken.toString() ?? '';
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: '{ syncJobs(limit: 100) { items { title } } }' }),
  });
  const body = (await response.json()) as { data: { syncJobs: { items: { title: string }[] } } };
  return body.data.syncJobs.items.map((job) => job.title);
}

test(
  'a change made with nobody signed in stays queued and is sent after the sign-in',
  { timeout: 180_000 },
  async () => {
    server = await startTestServer(db.path, {
      ...userPoolApi(),
      seed: (store) => insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]),
    });
    const port = server.port;
    await configureAuth(`http://127.0.0.1:${port}/`);
    await confirmInvitation(db.path, EMAIL, PASSWORD, 'Crew');
    const userPool = { ...POOL, endpoint: `http://127.0.0.1:${port}/cognito-idp`, username: EMAIL, password: PASSWORD };
    client = await DataStoreClient.spawn();
    await client.start(port, '', { userPool });
    await client.call('signOut');

    // Each change is tried at once; the second one's try begins only after the first's has ended.
    for (const title of ['Made signed out', 'Also made signed out']) {
      const before = await client.call<number>('tokenRequests');
      await client.call('create', {
        model: 'Job',
        fields: { siteID: 's1', title, status: 'OPEN', priority: 'NORMAL' },
      });
      await waitFor('the change to be tried', async () => (await client!.call<number>('tokenRequests')) > before);
    }
    assert.equal(await client.outbox(), 2, 'both changes are still queued');
    const { hub } = await client.events();
    assert.deepEqual(
      hub.filter((event) => event.event === 'errorHandler'),
      [],
      'waiting for a sign-in is not a failure',
    );

    await client.call('signIn', { username: EMAIL, password: PASSWORD });
    await client.call('restartSync');
    await signIn({ username: EMAIL, password: PASSWORD });
    await waitFor(
      'the change made while signed out reached the server after the sign-in',
      async () => {
        const titles = await jobsOnServer(port);
        return titles.includes('Made signed out') && titles.includes('Also made signed out');
      },
      30_000,
    );
    assert.equal(await client.outbox(), 0);
  },
);
