import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { tempDbPath } from '../../test/harness.ts';
import { readSchema, readTransformedSchema } from '../amplify-project.ts';
import { modelAuthorizer } from '../auth/model-authorizer.ts';
import { buildAppSyncSchema } from '../schema/build-schema.ts';
import { describeModels } from '../schema/model-info.ts';
import { insertRecords } from '../seed.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import { AppSyncError } from './errors.ts';
import { runMutation } from './mutations.ts';

const db = tempDbPath();
after(() => db.cleanup());

test('a failing conflict handler answers ConflictError with the stored item and keeps its error text in the log', async () => {
  const store = new SqliteStore(db.path, { reset: true });
  insertRecords(store, 'Job', [{ id: 'j1', siteID: 's1', title: 'Pump', status: 'OPEN', priority: 'LOW' }]);
  const secret = new Error('ENOENT: /srv/fieldbook/amplify/backend/function/handler/src/index.js');
  const logged: string[] = [];
  const originalWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const models = describeModels(buildAppSyncSchema(readTransformedSchema()), readSchema());
    const ctx = {
      store,
      models,
      strategies: new Map([
        ['Job', { type: 'LAMBDA' as const, name: 'broken', handler: () => Promise.reject(secret) }],
      ]),
      tombstoneRetentionMs: 1000,
      authorizer: modelAuthorizer(models, new Map(), 'API_KEY'),
      publish: () => undefined,
      serialize: <T>(work: () => Promise<T>) => work(),
    };
    // _version 0 is stale against the stored 1, so the handler runs.
    const error = await runMutation(ctx, 'updateJob', { input: { id: 'j1', title: 'x', _version: 0 } }).then(
      () => assert.fail('the mutation should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppSyncError);
    assert.equal(error.errorType, 'ConflictError');
    assert.doesNotMatch(error.message, /ENOENT|\/srv|index\.js|broken/);
    assert.equal((error.data as { title: string }).title, 'Pump');
    const line = logged.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry['handler']);
    assert.equal(line?.['message'], 'conflict handler failed', 'the handler error is logged server-side');
    assert.equal(line?.['handler'], 'broken');
    assert.match(String(line?.['error']), /ENOENT: \/srv\/fieldbook/);
    assert.equal(store.get('Job', 'j1')?.['title'], 'Pump');
  } finally {
    process.stderr.write = originalWrite;
    store.close();
  }
});
