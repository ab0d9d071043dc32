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

test("the user pool's settings have Cognito's defaults and bounds", () => {
  const pool = readConfig({}, []).userPool;
  assert.deepEqual(pool, {
    poolId: 'local_fieldbook',
    clientId: 'fieldbooklocalwebclient000',
    accessTokenSeconds: 3600,
    idTokenSeconds: 3600,
    refreshTokenSeconds: 30 * 24 * 3600,
    rotateRefreshTokens: true,
    rotationGraceSeconds: 60,
  });
  const set = readConfig(
    {
      FIELDBOOK_USER_POOL_ID: 'eu-west-1_Crews2',
      FIELDBOOK_ACCESS_TOKEN_MINUTES: '5',
      FIELDBOOK_REFRESH_TOKEN_DAYS: '7',
      FIELDBOOK_REFRESH_TOKEN_ROTATION: 'off',
      FIELDBOOK_PUBLIC_URL: 'http://10.0.0.5:8080',
    },
    [],
  );
  assert.deepEqual(
    [
      set.userPool.poolId,
      set.userPool.accessTokenSeconds,
      set.userPool.refreshTokenSeconds,
      set.userPool.rotateRefreshTokens,
    ],
    ['eu-west-1_Crews2', 300, 7 * 24 * 3600, false],
  );
  assert.equal(set.publicUrl, 'http://10.0.0.5:8080/');
  assert.throws(() => readConfig({ FIELDBOOK_USER_POOL_ID: 'fieldbook' }, []), /<region>_<name>/);
  assert.throws(() => readConfig({ FIELDBOOK_ACCESS_TOKEN_MINUTES: '2' }, []));
  assert.throws(() => readConfig({ FIELDBOOK_REFRESH_TOKEN_GRACE_SECONDS: '61' }, []));
});
