import assert from 'node:assert/strict';
import { test } from 'node:test';

import { autoMerge } from './automerge.ts';

test('Auto Merge follows AppSync rules per field type', () => {
  const server = { body: 'server', reading: null, tags: ['a'], location: { latitude: 1, accuracyMeters: null }, attributes: '{"k":1,"m":{"x":1}}' };
  const incoming = { body: 'client', reading: 4, tags: ['a', 'b'], unit: 'bar', location: { latitude: 2, accuracyMeters: 3 }, attributes: '{"k":2,"n":1,"m":{"y":2}}' };
  const merged = autoMerge(server, incoming, new Set(['attributes']));
  assert.equal(merged['body'], 'server');
  assert.equal(merged['reading'], 4);
  assert.deepEqual(merged['tags'], ['a', 'a', 'b']);
  assert.equal(merged['unit'], 'bar');
  assert.deepEqual(merged['location'], { latitude: 1, accuracyMeters: 3 });
  assert.deepEqual(JSON.parse(String(merged['attributes'])), { k: 1, n: 1, m: { x: 1, y: 2 } });
});
