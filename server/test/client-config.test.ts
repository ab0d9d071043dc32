import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { parseAmplifyConfig } from 'aws-amplify/utils';

import { clientConfig } from '../src/http/client-config.ts';
import type { RunningServer } from '../src/server.ts';
import { CREW_AUTH_MODES } from './crew-schema.ts';
import { API_KEY, startTestServer, tempDbPath } from './harness.ts';
import { POOL } from './user-pool-client.ts';

const BUCKET = 'fieldbook-photos-test';
const POOL_ID = 'eu-west-1:5d0c7a3e-9b1f-4c2d-8e6a-1f2b3c4d5e6f';

const db = tempDbPath();
const staticDir = mkdtempSync(join(tmpdir(), 'fieldbook-static-'));
let server: RunningServer;

before(async () => {
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Fieldbook</title>');
  server = await startTestServer(db.path, { staticDir, bucket: BUCKET, identityPoolId: POOL_ID });
});

after(async () => {
  await server.close();
  db.cleanup();
  rmSync(staticDir, { recursive: true, force: true });
});

test("describes itself to the app as an Amplify backend on the project's user pool, with no key", async () => {
  const response = await fetch(`http://127.0.0.1:${server.port}/amplifyconfiguration.json`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.deepEqual(await response.json(), {
    aws_project_region: 'us-east-1',
    aws_appsync_graphqlEndpoint: `http://127.0.0.1:${server.port}/graphql`,
    aws_appsync_region: 'us-east-1',
    aws_appsync_authenticationType: 'AMAZON_COGNITO_USER_POOLS',
    aws_cognito_identity_pool_id: POOL_ID,
    aws_cognito_region: 'eu-west-1',
    aws_mandatory_sign_in: 'enable',
    aws_user_pools_id: POOL.poolId,
    aws_user_pools_web_client_id: POOL.clientId,
    fieldbook_user_pool_endpoint: `http://127.0.0.1:${server.port}/cognito-idp`,
    aws_user_files_s3_bucket: BUCKET,
    aws_user_files_s3_bucket_region: 'us-east-1',
    aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing: `http://127.0.0.1:${server.port}/s3`,
  });
});

test("Amplify reads it as signed-in access to the server's identity pool and its bucket at /s3", async () => {
  const response = await fetch(`http://127.0.0.1:${server.port}/amplifyconfiguration.json`);
  const { Auth, Storage } = parseAmplifyConfig((await response.json()) as Record<string, unknown>);
  assert.equal(Auth?.Cognito.identityPoolId, POOL_ID);
  assert.equal(Auth?.Cognito.userPoolId, POOL.poolId);
  assert.equal(Auth?.Cognito.allowGuestAccess, false);
  assert.deepEqual(Storage?.S3, {
    bucket: BUCKET,
    region: 'us-east-1',
    dangerouslyConnectToHttpEndpointForTesting: `http://127.0.0.1:${server.port}/s3`,
  });
});

test('a configuration file shipped with the build (an AppSync deployment) wins', async () => {
  const deployed = { aws_appsync_graphqlEndpoint: 'https://example.appsync-api.eu-west-1.amazonaws.com/graphql' };
  writeFileSync(join(staticDir, 'amplifyconfiguration.json'), JSON.stringify(deployed));
  const response = await fetch(`http://127.0.0.1:${server.port}/amplifyconfiguration.json`);
  assert.deepEqual(await response.json(), deployed);
});

test("follows the project's auth: its user pool and client, no API key unless the API takes one, no guests unless the pool allows them", async () => {
  const crewDb = tempDbPath();
  const crewStatic = mkdtempSync(join(tmpdir(), 'fieldbook-static-'));
  const crew = await startTestServer(crewDb.path, {
    staticDir: crewStatic,
    bucket: BUCKET,
    identityPoolId: POOL_ID,
    authModes: { defaultMode: 'AMAZON_COGNITO_USER_POOLS', modes: new Set(['AMAZON_COGNITO_USER_POOLS']) },
    allowGuests: false,
  });
  try {
    const response = await fetch(`http://127.0.0.1:${crew.port}/amplifyconfiguration.json`);
    const served = (await response.json()) as Record<string, unknown>;
    assert.equal(served['aws_appsync_authenticationType'], 'AMAZON_COGNITO_USER_POOLS');
    assert.equal(served['aws_appsync_apiKey'], undefined, 'no key is handed out for an API that takes none');
    assert.ok(!JSON.stringify(served).includes(API_KEY));
    assert.equal(served['fieldbook_user_pool_endpoint'], `http://127.0.0.1:${crew.port}/cognito-idp`);
    const { Auth, API } = parseAmplifyConfig(served);
    assert.equal(Auth?.Cognito.userPoolId, POOL.poolId);
    assert.equal(Auth?.Cognito.userPoolClientId, POOL.clientId);
    assert.equal(Auth?.Cognito.identityPoolId, POOL_ID);
    assert.equal(Auth?.Cognito.allowGuestAccess, false);
    assert.equal(API?.GraphQL?.defaultAuthMode, 'userPool');
  } finally {
    await crew.close();
    crewDb.cleanup();
    rmSync(crewStatic, { recursive: true, force: true });
  }
  // An API on the user pool with a key beside it (public reads) hands out both.
  const both = clientConfig(
    {
      apiKey: API_KEY,
      bucket: BUCKET,
      identityPoolId: POOL_ID,
      allowGuests: true,
      authModes: CREW_AUTH_MODES,
      userPool: POOL,
    },
    'localhost:20002',
  );
  assert.equal(both['aws_appsync_apiKey'], API_KEY);
  assert.equal(both['aws_user_pools_id'], POOL.poolId);
  assert.equal(both['aws_mandatory_sign_in'], 'disable');
});
