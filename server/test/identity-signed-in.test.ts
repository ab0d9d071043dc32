import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

import { readAllowGuests } from '../src/amplify-project.ts';
import type { RunningServer } from '../src/server.ts';
import { CREW_AUTH_MODES } from './crew-schema.ts';
import { addAccount, startTestServer, tempDbPath } from './harness.ts';
import { type GuestCredentials, identityClient, outcome, POOL_ID } from './storage-client.ts';
import { configureAuth, configureIdentityPool, POOL } from './user-pool-client.ts';

// A project whose identity pool allows no guests (`allowUnauthenticatedIdentities: false`, as
// `amplify update auth` writes it): only users signed in to the user pool get AWS credentials (what
// the bucket lets each role do is crew-photos.test.ts's subject).
const db = tempDbPath();
let server: RunningServer;

/** Amplify Auth with the user pool and the identity pool of `target`, as the app configures it. */
const configureIdentity = (target: RunningServer, allowGuestAccess: boolean) =>
  configureIdentityPool(target.url, allowGuestAccess);

/** Signs in with Amplify's own client and answers the identity and credentials it got. */
async function signedIn(who: string, target = server, allowGuestAccess = false) {
  await configureIdentity(target, allowGuestAccess);
  await signIn({ username: `${who}@fieldbook.test`, password: `${who}-password-1` });
  const session = await fetchAuthSession();
  await signOut();
  assert.ok(session.credentials && session.identityId && session.tokens?.idToken, `${who} got credentials`);
  const credentials: GuestCredentials = {
    identityId: session.identityId,
    accessKeyId: session.credentials.accessKeyId,
    secretAccessKey: session.credentials.secretAccessKey,
    sessionToken: session.credentials.sessionToken ?? '',
    expiration: session.credentials.expiration ?? new Date(),
  };
  return { credentials, idToken: session.tokens.idToken.toString() };
}

const provider = () => `${server.url.replace(/^http:\/\//, '')}cognito-idp/${POOL.poolId}`;

before(async () => {
  server = await startTestServer(db.path, { authModes: CREW_AUTH_MODES, allowGuests: false });
  await configureAuth(server.url);
  for (const who of ['ana', 'ben']) addAccount(db.path, `${who}@fieldbook.test`, `${who}-password-1`, 'Crew');
});
after(async () => {
  await server.close();
  db.cleanup();
});

describe('an identity pool without guests', () => {
  it('gives guests nothing', async () => {
    const identities = identityClient(server.port);
    assert.equal(
      await outcome(identities.send(new GetIdCommand({ IdentityPoolId: POOL_ID }))),
      '400 NotAuthorizedException',
    );
  });

  it("gives a signed-in user the same identity each time, and its credentials only with that user's login", async () => {
    const ana = await signedIn('ana');
    const again = await signedIn('ana');
    const ben = await signedIn('ben');
    assert.equal(again.credentials.identityId, ana.credentials.identityId);
    assert.notEqual(ben.credentials.identityId, ana.credentials.identityId);

    const identities = identityClient(server.port);
    const credentialsOf = (idToken?: string) =>
      identities.send(
        new GetCredentialsForIdentityCommand({
          IdentityId: ana.credentials.identityId,
          ...(idToken && { Logins: { [provider()]: idToken } }),
        }),
      );
    assert.equal((await credentialsOf(ana.idToken)).IdentityId, ana.credentials.identityId);
    assert.equal(await outcome(credentialsOf()), '400 NotAuthorizedException', 'no login');
    assert.equal(await outcome(credentialsOf(ben.idToken)), '400 NotAuthorizedException', "another user's login");
    const [header, payload, signature] = ana.idToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone' })).toString('base64url')}.${signature}`;
    assert.equal(await outcome(credentialsOf(forged)), '400 NotAuthorizedException', 'a forged token');
    const other = identities.send(
      new GetIdCommand({ IdentityPoolId: POOL_ID, Logins: { 'cognito-idp.example.test/other_pool': ana.idToken } }),
    );
    assert.equal(await outcome(other), '400 NotAuthorizedException', 'another provider');
  });
});

describe('an identity pool with guests', () => {
  const guestsDb = tempDbPath();
  let guests: RunningServer;
  before(async () => {
    guests = await startTestServer(guestsDb.path, { authModes: CREW_AUTH_MODES, allowGuests: true });
    await configureAuth(guests.url);
    addAccount(guestsDb.path, 'ana@fieldbook.test', 'ana-password-1', 'Crew');
  });
  after(async () => {
    await guests.close();
    guestsDb.cleanup();
  });

  it('links the guest identity a device had to the user who signs in on it, and gives the user that identity ever after', async () => {
    // What Amplify does: a guest first, then the same stored identity asked for with the user's login.
    await configureIdentity(guests, true);
    const guest = (await fetchAuthSession()).identityId;
    assert.ok(guest);
    await signIn({ username: 'ana@fieldbook.test', password: 'ana-password-1' });
    assert.equal((await fetchAuthSession()).identityId, guest);
    await signOut();

    // Another device's guest identity, signing in as ana, gets ana's identity back.
    await configureIdentity(guests, true);
    const otherGuest = (await fetchAuthSession()).identityId;
    assert.notEqual(otherGuest, guest);
    const ana = await signedIn('ana', guests, true);
    assert.equal(ana.credentials.identityId, guest);
  });
});

describe("the project's identity pool settings", () => {
  it('reads whether guests are allowed as `amplify add auth` writes it', () => {
    assert.equal(readAllowGuests(), false, "this project's pool allows no guests");
    const dir = mkdtempSync(join(tmpdir(), 'fieldbook-auth-'));
    try {
      assert.equal(readAllowGuests(join(dir, 'none')), true, "no auth resource: the server's own guest pool");
      mkdirSync(join(dir, 'crewAuth'));
      const inputs = { version: '1', cognitoConfig: { allowUnauthenticatedIdentities: true } };
      writeFileSync(join(dir, 'crewAuth', 'cli-inputs.json'), JSON.stringify(inputs));
      assert.equal(readAllowGuests(dir), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
