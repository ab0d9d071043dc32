import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  confirmSignIn,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut,
  updatePassword,
} from 'aws-amplify/auth';

import { verifyToken } from '../src/auth/verify-token.ts';
import type { RunningServer } from '../src/server.ts';
import type { Group } from '../src/user-pool/user-store.ts';
import { startTestServer, tempDbPath } from './harness.ts';
import { configureAuth, confirmInvitation, errorName, invite, openPool, POOL } from './user-pool-client.ts';

// Amplify Auth's own client (SRP in JavaScript) against the server: the test oracle for the pool.
const db = tempDbPath();
let server: RunningServer;

before(async () => {
  server = await startTestServer(db.path);
  await configureAuth(server.url);
});
after(async () => {
  await server.close();
  db.cleanup();
});

/** An invited user who has set their own password; signed out. */
const confirmedUser = (email: string, password: string, group?: Group) =>
  confirmInvitation(db.path, email, password, group);

test('an invited user signs in with the temporary password, must choose a new one, and then signs in with it', async () => {
  const temporary = invite(db.path, 'Ann@Fieldbook.test', 'Office');
  const first = await signIn({ username: 'ann@fieldbook.test', password: temporary });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  assert.match(await errorName(confirmSignIn({ challengeResponse: 'short' })), /^InvalidPasswordException/);
  const confirmed = await confirmSignIn({ challengeResponse: 'a-long-new-password' });
  assert.deepEqual(confirmed, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  assert.equal((await getCurrentUser()).username, 'ann@fieldbook.test');
  await signOut();

  assert.match(
    await errorName(signIn({ username: 'ann@fieldbook.test', password: temporary })),
    /^NotAuthorizedException: Incorrect username or password\.$/,
  );
  const again = await signIn({ username: 'ANN@fieldbook.test', password: 'a-long-new-password' });
  assert.equal(again.nextStep.signInStep, 'DONE');
  await signOut();
});

test("the tokens carry Cognito's claims and pass the server's verifier", async () => {
  await confirmedUser('cora@fieldbook.test', 'cora-password-1', 'Crew');
  await signIn({ username: 'cora@fieldbook.test', password: 'cora-password-1' });
  const { tokens } = await fetchAuthSession();
  assert.ok(tokens?.idToken);
  const access = tokens.accessToken.payload;
  const id = tokens.idToken.payload;
  const issuer = `${server.url}cognito-idp/${POOL.poolId}`;
  for (const claims of [access, id]) {
    assert.equal(claims['iss'], issuer);
    assert.deepEqual(claims['cognito:groups'], ['Crew']);
    assert.equal(claims['origin_jti'], access['origin_jti']);
  }
  assert.equal(access['token_use'], 'access');
  assert.equal(access['username'], 'cora@fieldbook.test');
  assert.equal(access['client_id'], POOL.clientId);
  assert.equal(id['token_use'], 'id');
  assert.equal(id['cognito:username'], 'cora@fieldbook.test');
  assert.equal(id['aud'], POOL.clientId);
  assert.equal(id['name'], 'cora');
  assert.equal(Number(access.exp) - Number(access.iat), 3600);

  const { pool, close } = openPool(db.path);
  try {
    const check = (tokenUse: 'access' | 'id', token: string) =>
      verifyToken(token, {
        issuer,
        clientId: POOL.clientId,
        tokenUse,
        publicKey: (kid) => pool.keys.publicKey(kid),
        now: () => Date.now(),
      });
    const verified = check('access', tokens.accessToken.toString());
    assert.ok(verified.ok);
    assert.equal(verified.claims.sub, access.sub);
    assert.deepEqual(check('id', tokens.idToken.toString()), {
      ok: true,
      claims: { ...verified.claims, tokenUse: 'id', jti: id['jti'], expiresAt: id.exp, issuedAt: id.iat },
    });
  } finally {
    close();
  }

  // The JWKS verifies the same signature for anyone who fetches it.
  const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  assert.equal(jwks.keys.length, 1);
  assert.equal(
    jwks.keys[0]?.kid,
    JSON.parse(Buffer.from(tokens.accessToken.toString().split('.')[0] ?? '', 'base64url').toString()).kid,
  );
  await signOut();
});

test('a wrong password and an unknown user get the same answer', async () => {
  await confirmedUser('dan@fieldbook.test', 'dan-password-1');
  const wrong = await errorName(signIn({ username: 'dan@fieldbook.test', password: 'not-dans-password' }));
  const unknown = await errorName(signIn({ username: 'nobody@fieldbook.test', password: 'not-dans-password' }));
  assert.equal(wrong, 'NotAuthorizedException: Incorrect username or password.');
  assert.equal(unknown, wrong);
});

test('GetUser gives the attributes; ChangePassword needs the previous password', async () => {
  await confirmedUser('eve@fieldbook.test', 'eve-password-1');
  await signIn({ username: 'eve@fieldbook.test', password: 'eve-password-1' });
  const attributes = await fetchUserAttributes();
  assert.equal(attributes.email, 'eve@fieldbook.test');
  assert.equal(attributes.name, 'eve');
  assert.equal(attributes.sub, (await getCurrentUser()).userId);
  assert.match(
    await errorName(updatePassword({ oldPassword: 'not-the-password', newPassword: 'eve-password-2' })),
    /^NotAuthorizedException: Incorrect username or password\./,
  );
  await updatePassword({ oldPassword: 'eve-password-1', newPassword: 'eve-password-2' });
  await signOut();
  assert.match(
    await errorName(signIn({ username: 'eve@fieldbook.test', password: 'eve-password-1' })),
    /^NotAuthorized/,
  );
  assert.equal((await signIn({ username: 'eve@fieldbook.test', password: 'eve-password-2' })).isSignedIn, true);
  await signOut();
});

test('wipe-devices sets the wipe mark, read by GetUser and in the next ID token, and leaves sign-ins working', async () => {
  await confirmedUser('wes@fieldbook.test', 'wes-password-1');
  await signIn({ username: 'wes@fieldbook.test', password: 'wes-password-1' });
  assert.equal((await fetchUserAttributes())['custom:wipe_requested_at'], undefined);
  const signedInAt = Number((await fetchAuthSession()).tokens?.idToken?.payload['auth_time']);

  const { admin, close } = openPool(db.path);
  try {
    admin.wipeDevices('wes@fieldbook.test');
  } finally {
    close();
  }
  const mark = Number((await fetchUserAttributes())['custom:wipe_requested_at']);
  assert.ok(mark >= signedInAt && mark <= Date.now() / 1000 + 1, `mark ${mark}, signed in at ${signedInAt}`);
  const refreshed = await fetchAuthSession({ forceRefresh: true });
  assert.equal(refreshed.tokens?.idToken?.payload['custom:wipe_requested_at'], String(mark));
  assert.equal(refreshed.tokens?.idToken?.payload['auth_time'], signedInAt, 'a refresh keeps the sign-in time');
  await signOut();
});

test("a Crew user's crews are their custom:crew1… attributes, in GetUser and the next ID token, as the crew groups change", async () => {
  await confirmedUser('cam@fieldbook.test', 'cam-password-1', 'Crew');
  await signIn({ username: 'cam@fieldbook.test', password: 'cam-password-1' });
  const crewsIn = async () => {
    const attributes = await fetchUserAttributes();
    const token = (await fetchAuthSession({ forceRefresh: true })).tokens?.idToken?.payload ?? {};
    return [attributes['custom:crew1'], attributes['custom:crew2'], token['custom:crew1'], token['custom:crew2']];
  };
  assert.deepEqual(await crewsIn(), [undefined, undefined, undefined, undefined]);
  const inCrew = (crew: string, member: boolean) => {
    const { admin, close } = openPool(db.path);
    try {
      admin.setInCrew('cam@fieldbook.test', `crew-${crew}`, member);
    } finally {
      close();
    }
  };
  inCrew('north', true);
  inCrew('south', true);
  assert.deepEqual(await crewsIn(), ['north', 'south', 'north', 'south']);
  inCrew('north', false);
  assert.deepEqual(await crewsIn(), ['south', undefined, 'south', undefined]);
  await signOut();
});

test('a disabled user who knows the password is told so; a stranger is not', async () => {
  await confirmedUser('hal@fieldbook.test', 'hal-password-1');
  const { admin, close } = openPool(db.path);
  admin.setEnabled('hal@fieldbook.test', false);
  close();
  assert.equal(
    await errorName(signIn({ username: 'hal@fieldbook.test', password: 'hal-password-1' })),
    'NotAuthorizedException: User is disabled.',
  );
  assert.equal(
    await errorName(signIn({ username: 'hal@fieldbook.test', password: 'a-guess-password' })),
    'NotAuthorizedException: Incorrect username or password.',
  );
});
