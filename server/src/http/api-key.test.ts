import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isApiKey } from './api-key.ts';

test('API key check: only the exact key passes, whatever its length or type', () => {
  assert.equal(isApiKey('da2-key', 'da2-key'), true);
  for (const wrong of [
    'da2-ke',
    'da2-key ',
    'DA2-KEY',
    '',
    'da2-key-longer-than-expected',
    undefined,
    ['da2-key'],
    42,
  ]) {
    assert.equal(isApiKey(wrong, 'da2-key'), false, String(wrong));
  }
});
