import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { signIn } from 'aws-amplify/auth';

import { type CrewDevice, DEVICE_CREW, startCrewDevice } from './crew-device.ts';
import { waitFor } from './harness.ts';
import { jobTitlesOnServer } from './user-pool-client.ts';

// amplify-js #10013: a change DataStore tries to send while nobody is signed in (signed out, or a
// refresh the server refused, after which Amplify drops the tokens) fails before it is sent, and
// DataStore dequeued it as failed for good, telling nobody. patches/LEDGER.md, D12.
const EMAIL = 'ana@example.test';
const PASSWORD = 'Harbour-pumps-7';
let device: CrewDevice | undefined;

after(() => device?.dispose());

test(
  'a change made with nobody signed in stays queued and is sent after the sign-in',
  { timeout: 180_000 },
  async () => {
    device = await startCrewDevice(EMAIL, PASSWORD);
    const { client } = device;
    const port = device.server.port;
    await client.call('signOut');

    // Each change is tried at once; the second one's try begins only after the first's has ended.
    for (const title of ['Made signed out', 'Also made signed out']) {
      const before = await client.call<number>('tokenRequests');
      await client.call('create', {
        model: 'Job',
        fields: { siteID: 's1', title, status: 'OPEN', priority: 'NORMAL', ...DEVICE_CREW },
      });
      await waitFor('the change to be tried', async () => (await client.call<number>('tokenRequests')) > before);
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
        const titles = await jobTitlesOnServer(port);
        return titles.includes('Made signed out') && titles.includes('Also made signed out');
      },
      30_000,
    );
    // The server stores the second change before its answer reaches the device and empties the outbox.
    await waitFor('the outbox to empty once both answers are in', async () => (await client.outbox()) === 0);
  },
);
