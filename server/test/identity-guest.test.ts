import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  CognitoIdentityServiceException,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import Database from 'better-sqlite3';

import type { RunningServer } from '../src/server.ts';
import { GUESTS_ALLOWED, startTestServer, tempDbPath } from './harness.ts';
import { guest, identityClient, POOL_ID } from './storage-client.ts';

const db = tempDbPath();
let server: RunningServer;

before(async () => {
  server = await startTestServer(db.path, GUESTS_ALLOWED);
});
after(async () => {
  await server.close();
  db.cleanup();
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CognitoIdentityServiceException, String(error));
    return `${error.$metadata.httpStatusCode} ${error.name}`;
  }
  assert.fail('the call succeeded');
}

test('GetId gives each guest its own <region>:<uuid> identity; GetCredentialsForIdentity gives it credentials for about an hour', async () => {
  const before = Date.now();
  const first = await guest(server.port);
  const second = await guest(server.port);
  for (const credentials of [first, second]) {
    assert.match(
      credentials.identityId,
      /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.match(credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.ok(credentials.secretAccessKey.length >= 40);
    assert.ok(credentials.sessionToken.length >= 100);
    const lifetime = credentials.expiration.getTime() - before;
    assert.ok(lifetime > 59 * 60 * 1000 && lifetime <= 61 * 60 * 1000, `expires in ${lifetime} ms`);
  }
  assert.notEqual(first.identityId, second.identityId);
  assert.notEqual(first.accessKeyId, second.accessKeyId);

  // Asking again for the same identity gives new credentials for it, as Amplify does on refresh.
  const again = await identityClient(server.port).send(
    new GetCredentialsForIdentityCommand({ IdentityId: first.identityId }),
  );
  assert.equal(again.IdentityId, first.identityId);
  assert.notEqual(again.Credentials?.AccessKeyId, first.accessKeyId);

  // Kept in SQLite, so they outlive a restart.
  const reader = new Database(db.path, { readonly: true });
  try {
    const row = reader
      .prepare('SELECT identity_id FROM identity_credentials WHERE access_key_id = ?')
      .get(first.accessKeyId);
    assert.deepEqual(row, { identity_id: first.identityId });
  } finally {
    reader.close();
  }
});

test("an unknown pool or identity is ResourceNotFoundException; logins and bad input are refused in Cognito's shape", async () => {
  const client = identityClient(server.port);
  assert.equal(
    await refusal(client.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' }))),
    '400 ResourceNotFoundException',
  );
  assert.equal(
    await refusal(
      client.send(
        new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000' }),
      ),
    ),
    '400 ResourceNotFoundException',
  );
  assert.equal(
    await refusal(
      client.send(new GetIdCommand({ IdentityPoolId: POOL_ID, Logins: { 'accounts.google.com': 'token' } })),
    ),
    '400 NotAuthorizedException',
  );

  const call = (target: string, body: string) =>
    fetch(`http://127.0.0.1:${server.port}/cognito-identity`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
    });
  for (const [target, body, type] of [
    ['AWSCognitoIdentityService.GetId', '{"IdentityPoolId":', 'SerializationException'],
    ['AWSCognitoIdentityService.GetId', '[]', 'SerializationException'],
    ['AWSCognitoIdentityService.GetId', '{"IdentityPoolId":7}', 'InvalidParameterException'],
    ['AWSCognitoIdentityService.GetCredentialsForIdentity', '{}', 'InvalidParameterException'],
    ['AWSCognitoIdentityService.DeleteIdentityPool', '{}', 'UnknownOperationException'],
    ['', '{}', 'UnknownOperationException'],
  ]) {
    const response = await call(target!, body!);
    assert.equal(response.status, 400, `${target} ${body}`);
    assert.equal(response.headers.get('x-amzn-errortype'), type);
    const error = (await response.json()) as { __type: string; message: string };
    assert.equal(error.__type, type, `${target} ${body}`);
    assert.equal(typeof error.message, 'string');
  }
});
