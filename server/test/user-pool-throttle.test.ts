import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signIn, signOut } from 'aws-amplify/auth';

import type { RunningServer } from '../src/server.ts';
import { startTestServer, tempDbPath } from './harness.ts';
import { cognito, configureAuth, confirmInvitation, errorName, POOL } from './user-pool-client.ts';

// Cognito's first lock lasts one second; a minute here, so a slow machine cannot outlast it.
const db = tempDbPath();
let server: RunningServer;

before(async () => {
  server = await startTestServer(db.path, {
    userPool: { throttle: { firstLockMs: 60_000, addressFailuresPerWindow: 12 } },
  });
  await configureAuth(server.url);
});
after(async () => {
  await server.close();
  db.cleanup();
});

/** One failed sign-in without a client's SRP work: a valid A, then a claim that cannot be right. */
async function failSignIn(username: string) {
  const started = await cognito(server.port, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: POOL.clientId,
    AuthParameters: { USERNAME: username, SRP_A: 'abcdef' },
  });
  if (started.status !== 200) return started;
  const parameters = started.body.ChallengeParameters;
  return cognito(server.port, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: POOL.clientId,
    Session: started.body.Session,
    ChallengeResponses: {
      USERNAME: parameters.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32).toString('base64'),
      TIMESTAMP: 'Sun Dec 6 14:00:00 UTC 2026',
    },
  });
}

test('five wrong passwords lock the user: the right one is then refused with "Password attempts exceeded"', async () => {
  await confirmInvitation(db.path, 'finn@fieldbook.test', 'finn-password-1');
  for (let attempt = 1; attempt <= 5; attempt++) {
    assert.equal(
      await errorName(signIn({ username: 'finn@fieldbook.test', password: `wrong-${attempt}-password` })),
      'NotAuthorizedException: Incorrect username or password.',
    );
  }
  assert.equal(
    await errorName(signIn({ username: 'finn@fieldbook.test', password: 'finn-password-1' })),
    'NotAuthorizedException: Password attempts exceeded',
  );
  // Another user from the same address can still sign in.
  await confirmInvitation(db.path, 'gil@fieldbook.test', 'gil-password-1');
  assert.equal((await signIn({ username: 'gil@fieldbook.test', password: 'gil-password-1' })).isSignedIn, true);
  await signOut();
});

test('an unknown username locks the same way, so a lock does not tell whether a user exists', async () => {
  for (let attempt = 1; attempt <= 5; attempt++) assert.equal((await failSignIn('ghost@fieldbook.test')).status, 400);
  const locked = await failSignIn('ghost@fieldbook.test');
  assert.deepEqual(locked.body, { __type: 'NotAuthorizedException', message: 'Password attempts exceeded' });
});

test('many failed sign-ins from one address, whatever the usernames, are refused with TooManyRequestsException', async () => {
  // The failures of the tests above count too: the limit (12) is reached within twelve more.
  let answer = await failSignIn('someone-0@fieldbook.test');
  for (let i = 1; i < 12 && answer.body.__type !== 'TooManyRequestsException'; i++) {
    assert.equal(answer.body.__type, 'NotAuthorizedException');
    answer = await failSignIn(`someone-${i}@fieldbook.test`);
  }
  assert.deepEqual(answer.body, { __type: 'TooManyRequestsException', message: 'Too many requests.' });
  assert.equal(
    await errorName(signIn({ username: 'gil@fieldbook.test', password: 'gil-password-1' })),
    'TooManyRequestsException: Too many requests.',
  );
});
