import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  differingFiles,
  generateModelFiles,
  modelsDirectory,
  modelsVersionOf,
  serviceWorkerModelsVersion,
} from './codegen.ts';

function committed(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(modelsDirectory).map((n) => [n, readFileSync(join(modelsDirectory, n), 'utf8')]),
  );
}

test('committed src/models equal what codegen produces from amplify/ now', { timeout: 60_000 }, async () => {
  const generated = await generateModelFiles();
  assert.deepEqual(Object.keys(generated).sort(), ['index.d.ts', 'index.js', 'schema.d.ts', 'schema.js']);
  assert.deepEqual(differingFiles(generated, committed()), []);
});

test('differingFiles reports changed, missing and extra files', () => {
  const base = { 'a.js': 'x', 'b.js': 'y' };
  assert.deepEqual(differingFiles(base, { ...base }), []);
  assert.deepEqual(differingFiles(base, { 'a.js': 'x', 'b.js': 'changed' }), ['b.js']);
  assert.deepEqual(differingFiles(base, { 'a.js': 'x' }), ['b.js']);
  assert.deepEqual(differingFiles(base, { ...base, 'c.js': 'z' }), ['c.js']);
});

test('the service worker manifest carries the version of the models it ships', async () => {
  const generated = await generateModelFiles();
  const version = modelsVersionOf(generated['schema.js'] ?? '');
  assert.match(version, /^[0-9a-f]{32}$/);
  assert.equal(serviceWorkerModelsVersion(), version);
});
