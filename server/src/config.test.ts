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
