import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { signIn } from 'aws-amplify/auth';

import { type CrewDevice, DEVICE_CREW, startCrewDevice } from './crew-device.ts';
import { waitFor } from './harness.ts';
import { jobTitlesOnServer } from './user-pool-client.ts';

// The server refuses the access token itself (HTTP 401, UnauthorizedException: here expired by the
// server's clock while the phone's Amplify, whose clock was fast at the sign-in, still believes it
// valid). That says nothing about the change, yet DataStore handed it to errorHandler and dropped it.
// patches/LEDGER.md, D14.
const EMAIL = 'ana@example.test';
const PASSWORD = 'Harbour-pumps-7';
const TOKEN_SECONDS = 3;
const CLOCK_AHEAD_MS = 10 * 60 * 1000;
let device: CrewDevice | undefined;

after(() => device?.dispose());

test(
  'a change whose token the server refuses stays queued, and goes once the sign-in is renewed',
  { timeout: 180_000 },
  async () => {
    device = await startCrewDevice(EMAIL, PASSWORD, {
      accessTokenSeconds: TOKEN_SECONDS,
      idTokenSeconds: TOKEN_SECONDS,
    });
    const { client } = device;
    const port = device.server.port;

    await client.call('clockWasAheadAtSignIn', { ms: CLOCK_AHEAD_MS });
    const expiry = await client.call<number>('accessTokenExpiry');
    await waitFor(
      'the access token to expire by the server’s clock',
      () => Date.now() > expiry,
      TOKEN_SECONDS * 1000 + 10_000,
    );
    await client.call('create', {
      model: 'Job',
      fields: { siteID: 's1', title: 'Sent with a refused token', status: 'OPEN', priority: 'NORMAL', ...DEVICE_CREW },
    });

    const told = await waitFor('DataStore to say the token was refused, or that the change failed', async () => {
      const { hub } = await client.events();
      return hub.find((event) => event.event === 'mutationTokenRefused' || event.event === 'errorHandler');
    });
    const [refused] = await client.sent();
    assert.equal(refused?.response?.errors?.[0]?.errorType, 'UnauthorizedException', 'the server refused the token');
    assert.equal(told.event, 'mutationTokenRefused', 'a refused token is not the change failing');
    assert.deepEqual(told.data, { model: 'Job' });
    assert.equal(await client.outbox(), 1, 'the change is still queued');

    // What the app does on that event: renew the tokens, then start the sync engine again.
    assert.equal(await client.call('forceRefresh'), true);
    await client.call('restartSync');
    await signIn({ username: EMAIL, password: PASSWORD });
    await waitFor(
      'the change reached the server after the refresh',
      async () => (await jobTitlesOnServer(port)).includes('Sent with a refused token'),
      30_000,
    );
    await waitFor('an empty outbox', async () => (await client.outbox()) === 0);
    const { hub } = await client.events();
    assert.deepEqual(
      hub.filter((event) => event.event === 'errorHandler'),
      [],
      'nothing was reported as failed',
    );
  },
);
