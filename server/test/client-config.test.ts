import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import type { RunningServer } from '../src/server.ts';
import { API_KEY, startTestServer, tempDbPath } from './harness.ts';

const db = tempDbPath();
const staticDir = mkdtempSync(join(tmpdir(), 'fieldbook-static-'));
let server: RunningServer;

before(async () => {
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Fieldbook</title>');
  server = await startTestServer(db.path, { staticDir });
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
  });
});

test('a configuration file shipped with the build (an AppSync deployment) wins', async () => {
  const deployed = { aws_appsync_graphqlEndpoint: 'https://example.appsync-api.eu-west-1.amazonaws.com/graphql' };
  writeFileSync(join(staticDir, 'amplifyconfiguration.json'), JSON.stringify(deployed));
  const response = await fetch(`http://127.0.0.1:${server.port}/amplifyconfiguration.json`);
  assert.deepEqual(await response.json(), deployed);
});
