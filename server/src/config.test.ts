import assert from 'node:assert/strict';
import { test } from 'node:test';

import { readConfig } from './config.ts';

test('defaults need no configuration; env and flags override them', () => {
  const defaults = readConfig({}, []);
  assert.equal(defaults.port, 20002);
  assert.equal(defaults.apiKey, 'da2-fakeApiId123456');
  assert.match(defaults.dbPath, /\.data[\\/]fieldbook\.sqlite$/);
  assert.ok(defaults.tombstoneRetentionMs >= 365 * 24 * 3600 * 1000);
  const custom = readConfig({ PORT: '3000', FIELDBOOK_SEED: 'demo' }, ['--port=4000', '--reset']);
  assert.deepEqual([custom.port, custom.seed, custom.reset], [4000, 'demo', true]);
  assert.throws(() => readConfig({ PORT: 'abc' }, []));
  assert.throws(() => readConfig({}, ['--bogus=1']));
});

test('every limit is read from its environment variable, and a bad value is refused by name', () => {
  assert.deepEqual(readConfig({}, []).limits, {});
  const set = readConfig(
    { FIELDBOOK_MAX_RESOLVERS: '500', FIELDBOOK_MAX_QUERY_DEPTH: '12', FIELDBOOK_MAX_BODY_BYTES: '2048' },
    [],
  );
  assert.deepEqual(set.limits, { maxResolvers: 500, maxQueryDepth: 12, maxBodyBytes: 2048 });
  assert.throws(() => readConfig({ FIELDBOOK_MAX_RESOLVERS: 'lots' }, []), /FIELDBOOK_MAX_RESOLVERS/);
  assert.throws(() => readConfig({ FIELDBOOK_MAX_QUERY_DEPTH: '76' }, []), /1 to 75/);
  assert.throws(() => readConfig({ FIELDBOOK_EXECUTION_SLICE_MS: '0' }, []), /at least 1/);
});
