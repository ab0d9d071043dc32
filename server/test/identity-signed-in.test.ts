import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

import { readAllowGuests } from '../src/amplify-project.ts';
import type { RunningServer } from '../src/server.ts';
import { CREW_AUTH_MODES } from './crew-schema.ts';
import { addAccount, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, type GuestCredentials, identityClient, outcome, POOL_ID, s3Client } from './storage-client.ts';
import { configureAuth, POOL } from './user-pool-client.ts';

// A project whose identity pool allows no guests (`allowUnauthenticatedIdentities: false`, as
// `amplify update auth` writes it): only users signed in to the user pool get AWS credentials, and
// the bucket treats them as the CLI's authenticated role does.
const db = tempDbPath();
let server: RunningServer;

/** Amplify Auth with the user pool and the identity pool of `target`, as the app configures it. */
async function configureIdentity(target: RunningServer, allowGuestAccess: boolean): Promise<void> {
  await configureAuth(target.url);
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: POOL.poolId,
        userPoolClientId: POOL.clientId,
        userPoolEndpoint: `${target.url}cognito-idp`,
        identityPoolId: POOL_ID,
        identityPoolEndpoint: `${target.url}cognito-identity`,
        allowGuestAccess,
      },
    },
  });
}

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

  it("lets signed-in users share public and protected photos and keep private ones, as the CLI's authenticated role does", async () => {
    const ana = s3Client(server.port, (await signedIn('ana')).credentials);
    const { credentials } = await signedIn('ben');
    const ben = s3Client(server.port, credentials);
    const anaId = (await signedIn('ana')).credentials.identityId;
    const put = (client: typeof ana, key: string) =>
      outcome(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'photo' })));
    const get = (client: typeof ana, key: string) =>
      outcome(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    const list = (client: typeof ana, prefix: string) =>
      outcome(client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix })));

    assert.equal(await put(ana, 'public/site-1.jpg'), 'ok');
    assert.equal(await put(ana, `protected/${anaId}/pump.jpg`), 'ok');
    assert.equal(await put(ana, `private/${anaId}/draft.jpg`), 'ok');
    assert.equal(await get(ben, 'public/site-1.jpg'), 'ok');
    assert.equal(await get(ben, `protected/${anaId}/pump.jpg`), 'ok');
    assert.equal(await put(ben, `protected/${anaId}/pump.jpg`), '403 AccessDenied');
    assert.equal(await get(ben, `private/${anaId}/draft.jpg`), '403 AccessDenied');
    assert.equal(await list(ben, `private/${anaId}/`), '403 AccessDenied');
    assert.equal(await list(ben, 'protected/'), 'ok');
    assert.equal(await get(ana, `private/${anaId}/draft.jpg`), 'ok');
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
