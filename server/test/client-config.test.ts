import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { parseAmplifyConfig } from 'aws-amplify/utils';

import type { RunningServer } from '../src/server.ts';
import { API_KEY, startTestServer, tempDbPath } from './harness.ts';

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

test('describes itself to the app as an Amplify backend with the key it was started with', async () => {
  const response = await fetch(`http://127.0.0.1:${server.port}/amplifyconfiguration.json`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.deepEqual(await response.json(), {
    aws_project_region: 'us-east-1',
    aws_appsync_graphqlEndpoint: `http://127.0.0.1:${server.port}/graphql`,
    aws_appsync_region: 'us-east-1',
    aws_appsync_authenticationType: 'API_KEY',
    aws_appsync_apiKey: API_KEY,
    aws_cognito_identity_pool_id: POOL_ID,
    aws_cognito_region: 'eu-west-1',
    aws_mandatory_sign_in: 'disable',
    aws_user_files_s3_bucket: BUCKET,
    aws_user_files_s3_bucket_region: 'us-east-1',
    aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing: `http://127.0.0.1:${server.port}/s3`,
  });
});

test("Amplify reads it as guest access to the server's identity pool and its bucket at /s3", async () => {
  const response = await fetch(`http://127.0.0.1:${server.port}/amplifyconfiguration.json`);
  const { Auth, Storage } = parseAmplifyConfig((await response.json()) as Record<string, unknown>);
  assert.equal(Auth?.Cognito.identityPoolId, POOL_ID);
  assert.equal(Auth?.Cognito.allowGuestAccess, true);
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
