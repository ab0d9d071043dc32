import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { after, before, test } from 'node:test';

import { type TokenUse, verifyToken } from '../src/auth/verify-token.ts';
import type { RunningServer } from '../src/server.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { UserPoolAdmin } from '../src/user-pool/admin.ts';
import { UserPool } from '../src/user-pool/pool.ts';
import { startTestServer, tempDbPath } from './harness.ts';
import { cognito, POOL } from './user-pool-client.ts';

const ISSUER = 'http://localhost:20002/cognito-idp/local_fieldbook';
const store = new SqliteStore(':memory:');
const pool = new UserPool(
  store.database,
  POOL,
  () => ISSUER,
  () => Date.now(),
);
new UserPoolAdmin(pool).add('rae@fieldbook.test', 'Rae', 'Crew');
const user = pool.users.byUsername('rae@fieldbook.test');
assert.ok(user);
const issued = pool.issueTokens(user, pool.sessions.start(user.sub, POOL.clientId, Date.now()), false);

const b64 = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
const [headerPart = '', payloadPart = ''] = issued.AccessToken.split('.');
const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as { kid: string };
const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString()) as Record<string, unknown> & {
  exp: number;
};

function check(token: string, options: { tokenUse?: TokenUse; clientId?: string; now?: number } = {}) {
  const result = verifyToken(token, {
    issuer: ISSUER,
    clientId: options.clientId ?? POOL.clientId,
    tokenUse: options.tokenUse ?? 'access',
    publicKey: (kid) => pool.keys.publicKey(kid),
    now: () => options.now ?? Date.now(),
  });
  return result.ok ? 'ok' : result.refusal;
}

/** A token with this header and payload, RS256-signed by `key` (another key than the pool's). */
function signedBy(key: ReturnType<typeof generateKeyPairSync>['privateKey'], head: object, body: object) {
  const signed = `${b64(head)}.${b64(body)}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
}

after(() => store.close());

test("the pool's own access and ID tokens are accepted, with the caller's claims", () => {
  const access = verifyToken(issued.AccessToken, {
    issuer: ISSUER,
    clientId: POOL.clientId,
    tokenUse: 'access',
    publicKey: (kid) => pool.keys.publicKey(kid),
    now: () => Date.now(),
  });
  assert.ok(access.ok);
  assert.deepEqual(
    { sub: access.claims.sub, username: access.claims.username, groups: access.claims.groups },
    { sub: user.sub, username: 'rae@fieldbook.test', groups: ['Crew'] },
  );
  assert.equal(check(issued.IdToken, { tokenUse: 'id' }), 'ok');
});

test('alg none, HS256 keyed with the public key, another key, an unknown kid and a changed payload are refused', () => {
  assert.equal(check(`${b64({ alg: 'none', kid: header.kid })}.${payloadPart}.`), 'algorithm');
  const publicPem = pool.keys.publicKey(header.kid)?.export({ type: 'spki', format: 'pem' });
  const hsSigned = `${b64({ alg: 'HS256', kid: header.kid })}.${payloadPart}`;
  const hs = createHmac('sha256', String(publicPem)).update(hsSigned).digest('base64url');
  assert.equal(check(`${hsSigned}.${hs}`), 'algorithm');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  assert.equal(check(signedBy(privateKey, { alg: 'RS256', kid: header.kid }, claims)), 'signature');
  assert.equal(check(signedBy(privateKey, { alg: 'RS256', kid: 'another-key' }, claims)), 'unknown-key');
  const promoted = b64({ ...claims, 'cognito:groups': ['Office'] });
  assert.equal(check(`${headerPart}.${promoted}.${issued.AccessToken.split('.')[2]}`), 'signature');
});

test("another pool's issuer, an expired token, the wrong token_use and another client are refused", () => {
  const otherPool = pool.keys.signJwt({ ...claims, iss: 'http://localhost:20002/cognito-idp/local_other' });
  assert.equal(check(otherPool), 'issuer');
  assert.equal(check(issued.AccessToken, { now: claims.exp * 1000 - 1000 }), 'ok');
  assert.equal(check(issued.AccessToken, { now: claims.exp * 1000 }), 'expired');
  assert.equal(check(issued.IdToken, { tokenUse: 'access' }), 'token-use');
  assert.equal(check(issued.AccessToken, { tokenUse: 'id' }), 'token-use');
  assert.equal(check(issued.AccessToken, { clientId: 'anotherclient' }), 'client');
});

test('malformed tokens are refused without throwing', () => {
  for (const token of [
    '',
    'abc',
    'a.b.c',
    `${headerPart}.${payloadPart}`,
    `${headerPart}.${payloadPart}.sig.extra`,
    `${b64({ alg: 'RS256' })}.${payloadPart}.x`,
    `${headerPart}.${b64({ sub: 'x' })}.x`,
    `${headerPart}.${'A'.repeat(20_000)}.x`,
    `${headerPart}.${payloadPart}.not base64!`,
  ])
    assert.match(check(token), /^(malformed|unknown-key)$/, token.slice(0, 40));
});

const db = tempDbPath();
let server: RunningServer;
before(async () => {
  server = await startTestServer(db.path);
});
after(async () => {
  await server.close();
  db.cleanup();
});

const srpStart = (parameters: Record<string, string>, clientId = POOL.clientId) =>
  cognito(server.port, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: parameters });

test('bad input gets clear Cognito errors and leaves the server up', async () => {
  const forged = `${b64({ alg: 'none', kid: header.kid })}.${payloadPart}.`;
  const cases: [Promise<{ status: number; body: { __type: string } }>, number, string][] = [
    [cognito(server.port, 'GetUser', { AccessToken: forged }), 400, 'NotAuthorizedException'],
    [srpStart({ USERNAME: 'rae@fieldbook.test', SRP_A: 'f'.repeat(10_000) }), 400, 'InvalidParameterException'],
    [srpStart({ USERNAME: 'rae@fieldbook.test', SRP_A: '0' }), 400, 'InvalidParameterException'],
    [srpStart({ USERNAME: 'rae@fieldbook.test', SRP_A: 'not hex' }), 400, 'InvalidParameterException'],
    [srpStart({ USERNAME: 'x'.repeat(300), SRP_A: 'abc' }), 400, 'InvalidParameterException'],
    [srpStart({ USERNAME: 'rae@fieldbook.test', SRP_A: 'abc' }, 'another-client'), 400, 'ResourceNotFoundException'],
    [
      cognito(server.port, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: POOL.clientId,
        AuthParameters: {},
      }),
      400,
      'InvalidParameterException',
    ],
    [
      cognito(server.port, 'RespondToAuthChallenge', {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: POOL.clientId,
        Session: 'made-up',
        ChallengeResponses: {
          USERNAME: 'rae@fieldbook.test',
          PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA',
          PASSWORD_CLAIM_SIGNATURE: 'AAAA',
          TIMESTAMP: 'Sun Dec 6 14:00:00 UTC 2026',
        },
      }),
      400,
      'NotAuthorizedException',
    ],
    [
      cognito(server.port, 'GetTokensFromRefreshToken', { ClientId: POOL.clientId, RefreshToken: 'made-up' }),
      400,
      'NotAuthorizedException',
    ],
    [cognito(server.port, 'AdminCreateUser', {}), 400, 'UnknownOperationException'],
    [cognito(server.port, '__proto__', {}), 400, 'UnknownOperationException'],
    [cognito(server.port, 'GetUser', '{not json'), 400, 'SerializationException'],
    [cognito(server.port, 'GetUser', { AccessToken: 'x'.repeat(3 * 1024 * 1024) }), 413, 'SerializationException'],
  ];
  for (const [answer, status, type] of cases) {
    const { status: got, body } = await answer;
    assert.deepEqual([got, body.__type], [status, type], JSON.stringify(body).slice(0, 200));
  }
  assert.equal((await fetch(`${server.url}health`)).status, 200);
});
