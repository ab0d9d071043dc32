import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { readConflictSettings } from './conflict-settings.ts';
import { amplifyFunctionName, loadConflictHandler } from './lambda-handler.ts';
import { strategiesFor } from './strategies.ts';

test('a handler name recorded as <function>-${env} names the function folder without the suffix', () => {
  assert.equal(amplifyFunctionName('fieldbookJobConflictHandler-${env}'), 'fieldbookJobConflictHandler');
  assert.equal(amplifyFunctionName('fieldbookJobConflictHandler'), 'fieldbookJobConflictHandler');
  // Only the literal suffix the CLI writes: a deployed name or an ${env} elsewhere is left alone.
  assert.equal(amplifyFunctionName('fieldbookJobConflictHandler-dev'), 'fieldbookJobConflictHandler-dev');
  assert.equal(amplifyFunctionName('handler-${env}-old'), 'handler-${env}-old');
  assert.equal(amplifyFunctionName('handler${env}'), 'handler${env}');
});

test('the handler loads from amplify/backend/function/<function>/src by either name', async () => {
  const functionsDir = mkdtempSync(join(tmpdir(), 'fieldbook-functions-'));
  try {
    mkdirSync(join(functionsDir, 'probe', 'src'), { recursive: true });
    writeFileSync(
      join(functionsDir, 'probe', 'src', 'index.js'),
      "exports.handler = async (event) => ({ action: 'RESOLVE', item: { ...event.existingItem, seen: true } });\n",
    );
    const event = { newItem: {}, existingItem: { id: 'a' }, arguments: {}, resolver: 'updateProbe', identity: null };
    for (const name of ['probe', 'probe-${env}']) {
      assert.deepEqual(await loadConflictHandler(name, functionsDir)(event), {
        action: 'RESOLVE',
        item: { id: 'a', seen: true },
      });
    }
    assert.throws(
      () => loadConflictHandler('missing-${env}', functionsDir),
      /conflict handler missing-\$\{env\} not found/,
    );
  } finally {
    rmSync(functionsDir, { recursive: true, force: true });
  }
});

test("cli-inputs.json's Job handler is the project's function, loaded from its folder", async () => {
  const settings = readConflictSettings();
  const job = settings.perModel['Job'];
  assert.equal(job?.type, 'LAMBDA');
  assert.equal(job.type === 'LAMBDA' && job.resolver.name, 'fieldbookJobConflictHandler-${env}');
  const strategy = strategiesFor(['Job'], settings).get('Job');
  assert.equal(strategy?.type, 'LAMBDA');
  if (strategy?.type !== 'LAMBDA') return;
  assert.equal(strategy.name, 'fieldbookJobConflictHandler');
  const decision = await strategy.handler({
    newItem: { id: 'j1', _version: 1 },
    existingItem: { id: 'j1', _version: 2 },
    arguments: {},
    resolver: 'deleteJob',
    identity: null,
  });
  assert.deepEqual(decision, { action: 'REMOVE' });
});
