import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

import type { RunningServer } from '../src/server.ts';
import type { UserPoolSettings } from '../src/user-pool/pool.ts';
import { startTestServer, tempDbPath } from './harness.ts';
import {
  cognito,
  configureAuth,
  confirmInvitation,
  forgetTokens,
  heldRefreshToken,
  openPool,
  POOL,
} from './user-pool-client.ts';

const servers: { server: RunningServer; cleanup(): void }[] = [];

async function serverWith(settings: Partial<UserPoolSettings> = {}) {
  const db = tempDbPath();
  const server = await startTestServer(db.path, { userPool: settings });
  servers.push({ server, cleanup: db.cleanup });
  await configureAuth(server.url);
  return { server, dbPath: db.path };
}

after(async () => {
  for (const { server, cleanup } of servers) {
    await server.close();
    cleanup();
  }
});

/** A user signed in through Amplify on `dbPath`'s server; their refresh token. */
async function signedIn(dbPath: string, email: string): Promise<string> {
  await confirmInvitation(dbPath, email, `${email}-password`);
  await signIn({ username: email, password: `${email}-password` });
  const token = heldRefreshToken();
  assert.ok(token);
  return token;
}

const refreshWith = (port: number, token: string) =>
  cognito(port, 'GetTokensFromRefreshToken', { ClientId: POOL.clientId, RefreshToken: token });

let main: { server: RunningServer; dbPath: string };
before(async () => {
  main = await serverWith();
});

test('a forced refresh goes through GetTokensFromRefreshToken: new tokens of the same sign-in and a rotated refresh token; the old one works within the grace period', async () => {
  await configureAuth(main.server.url);
  const first = await signedIn(main.dbPath, 'ivy@fieldbook.test');
  const before = (await fetchAuthSession()).tokens?.accessToken.payload;
  const after = (await fetchAuthSession({ forceRefresh: true })).tokens?.accessToken.payload;
  assert.ok(before && after);
  assert.notEqual(after['jti'], before['jti']);
  assert.equal(after['origin_jti'], before['origin_jti']);
  const second = heldRefreshToken();
  assert.ok(second && second !== first);
  const retry = await refreshWith(main.server.port, first);
  assert.equal(retry.status, 200, JSON.stringify(retry.body));
  assert.ok(retry.body.AuthenticationResult.RefreshToken);
  await signOut();
});

test('with no grace period a rotated-out refresh token is refused as reused; the new one works', async () => {
  const { server, dbPath } = await serverWith({ rotationGraceSeconds: 0 });
  const first = await signedIn(dbPath, 'jo@fieldbook.test');
  await fetchAuthSession({ forceRefresh: true });
  assert.equal((await refreshWith(server.port, first)).body.__type, 'RefreshTokenReuseException');
  assert.ok((await fetchAuthSession({ forceRefresh: true })).tokens?.accessToken);
  await signOut();
});

test('REFRESH_TOKEN_AUTH is refused while rotation is on; without rotation it gives access and ID tokens only', async () => {
  const refreshTokenAuth = (port: number, token: string) =>
    cognito(port, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: POOL.clientId,
      AuthParameters: { REFRESH_TOKEN: token },
    });
  await configureAuth(main.server.url);
  const rotating = await signedIn(main.dbPath, 'kay@fieldbook.test');
  assert.equal((await refreshTokenAuth(main.server.port, rotating)).body.__type, 'InvalidParameterException');
  await signOut();

  const { server, dbPath } = await serverWith({ rotateRefreshTokens: false });
  const token = await signedIn(dbPath, 'lou@fieldbook.test');
  const answer = await refreshTokenAuth(server.port, token);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.ok(answer.body.AuthenticationResult.AccessToken && answer.body.AuthenticationResult.IdToken);
  assert.equal(answer.body.AuthenticationResult.RefreshToken, undefined);
  assert.equal((await refreshWith(server.port, token)).body.AuthenticationResult.RefreshToken, undefined);
  await signOut();
});

test('signOut revokes its sign-in (RevokeToken): the refresh token is refused afterwards', async () => {
  await configureAuth(main.server.url);
  const token = await signedIn(main.dbPath, 'max@fieldbook.test');
  assert.equal((await refreshWith(main.server.port, token)).status, 200);
  await signOut();
  assert.deepEqual((await refreshWith(main.server.port, token)).body, {
    __type: 'NotAuthorizedException',
    message: 'Refresh Token has been revoked',
  });
});

test("signOut({ global: true }) ends every sign-in of the user; the access token is refused by the pool's own operations", async () => {
  await configureAuth(main.server.url);
  const onPhone = await signedIn(main.dbPath, 'ned@fieldbook.test');
  forgetTokens();
  await signIn({ username: 'ned@fieldbook.test', password: 'ned@fieldbook.test-password' });
  const onLaptop = heldRefreshToken();
  const access = (await fetchAuthSession()).tokens?.accessToken.toString();
  assert.ok(onLaptop && access);
  assert.equal((await cognito(main.server.port, 'GetUser', { AccessToken: access })).status, 200);
  await signOut({ global: true });
  for (const token of [onPhone, onLaptop])
    assert.equal((await refreshWith(main.server.port, token)).body.__type, 'NotAuthorizedException');
  assert.deepEqual((await cognito(main.server.port, 'GetUser', { AccessToken: access })).body, {
    __type: 'NotAuthorizedException',
    message: 'Access Token has been revoked',
  });
});

test("after the users command's sign-out-everywhere or disable, the next refresh is refused and Amplify drops the tokens", async () => {
  await configureAuth(main.server.url);
  for (const [email, act] of [
    ['olga@fieldbook.test', (admin) => admin.signOutEverywhere('olga@fieldbook.test')],
    ['pat@fieldbook.test', (admin) => admin.setEnabled('pat@fieldbook.test', false)],
  ] as const satisfies readonly (readonly [string, (admin: ReturnType<typeof openPool>['admin']) => unknown])[]) {
    const token = await signedIn(main.dbPath, email);
    const { admin, close } = openPool(main.dbPath);
    act(admin);
    close();
    assert.equal((await refreshWith(main.server.port, token)).body.__type, 'NotAuthorizedException');
    const session = await fetchAuthSession({ forceRefresh: true });
    assert.equal(session.tokens, undefined, email);
    assert.equal(heldRefreshToken(), undefined, email);
  }
});
