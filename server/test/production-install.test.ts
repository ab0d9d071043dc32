import assert from 'node:assert/strict';
import { type ChildProcess, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { repositoryRoot } from '../src/amplify-project.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, gql, spawnCommandLineServer, waitFor } from './harness.ts';

// What a team server runs: the compiled server, production dependencies only (no tsx, TypeScript,
// Amplify transformer or CDK), reading the committed AppSync schema and amplify/ as they are.
const copy = mkdtempSync(join(tmpdir(), 'fieldbook-production-'));
let server: ChildProcess | undefined;
let device: DataStoreClient | undefined;

after(() => {
  device?.kill();
  server?.kill();
  rmSync(copy, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 600_000 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr.slice(-2000)}`);
}

test('the compiled server starts from a production install and serves sync', { timeout: 900_000 }, async () => {
  for (const entry of [
    'package.json',
    'package-lock.json',
    '.npmrc',
    'patches',
    'amplify',
    'server/generated',
    'server/dist/package.json',
  ]) {
    cpSync(join(repositoryRoot, entry), join(copy, entry), { recursive: true });
  }
  // The test runner has compiled this checkout's server for the whole run: the same output again.
  const build = process.env['FIELDBOOK_SERVER_BUILD'];
  if (build) cpSync(build, join(copy, 'server/dist'), { recursive: true });
  else
    run(
      process.execPath,
      [
        join(repositoryRoot, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.server.json',
        '--outDir',
        join(copy, 'server/dist'),
      ],
      repositoryRoot,
    );
  // The only native build among the production dependencies is SQLite's binding; compiling it again
  // here would prove nothing the repository's own install has not (same Node, same machine), and it
  // costs minutes of the suite's CPU. So install scripts are skipped, the binding is taken from the
  // repository's install, and the project's own postinstall (the DataStore patch) runs as npm would.
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], copy);
  const binding = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  cpSync(join(repositoryRoot, binding), join(copy, binding));
  run('npm', ['run', 'postinstall'], copy);
  for (const tool of ['tsx', 'typescript', '@aws-amplify/graphql-transformer', 'aws-cdk-lib', '@angular/cli']) {
    assert.ok(!existsSync(join(copy, 'node_modules', tool)), `${tool} was installed with --omit=dev`);
  }

  const started = performance.now();
  const production = spawnCommandLineServer(['server/dist/main.js'], { cwd: copy, dbPath: join(copy, 'team.sqlite') });
  server = production.child;
  const port = await production.port;
  const startupMs = performance.now() - started;
  console.log(`production server listening after ${Math.round(startupMs)} ms`);
  assert.doesNotMatch(production.output(), /WARNING|aws-cdk|deprecated/i, 'start-up prints tooling noise');

  device = await DataStoreClient.spawn();
  await device.start(port, API_KEY, { userPool: await deviceAccount(port) });
  await device.call('create', { model: 'Site', fields: { name: 'Yard from a device' } });
  await waitFor('the device write on the server', async () => {
    const { body } = await gql(port, '{ listSites { items { name } } }');
    return body.data.listSites.items.some((site: { name: string }) => site.name === 'Yard from a device');
  });
});
