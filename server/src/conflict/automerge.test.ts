import assert from 'node:assert/strict';
import { test } from 'node:test';

import { autoMerge } from './automerge.ts';

test('Auto Merge follows AppSync rules per field type', () => {
  const server = {
    body: 'server',
    reading: null,
    tags: ['a'],
    location: { latitude: 1, accuracyMeters: null },
    attributes: '{"k":1,"m":{"x":1}}',
  };
  const incoming = {
    body: 'client',
    reading: 4,
    tags: ['a', 'b'],
    unit: 'bar',
    location: { latitude: 2, accuracyMeters: 3 },
    attributes: '{"k":2,"n":1,"m":{"y":2}}',
  };
  const merged = autoMerge(server, incoming, new Set(['attributes']));
  assert.equal(merged['body'], 'server');
  assert.equal(merged['reading'], 4);
  assert.deepEqual(merged['tags'], ['a', 'a', 'b']);
  assert.equal(merged['unit'], 'bar');
  assert.deepEqual(merged['location'], { latitude: 1, accuracyMeters: 3 });
  assert.deepEqual(JSON.parse(String(merged['attributes'])), { k: 1, n: 1, m: { x: 1, y: 2 } });
});

test('Auto Merge takes every field only the device changed since the version it last saw', () => {
  const base = { body: 'original', reading: 1, tags: ['a'], location: { latitude: 1, longitude: 2 } };
  const server = { ...base, body: 'changed on server', tags: ['a', 's'] };
  const incoming = { body: 'changed on device', reading: 7, tags: ['a', 'd'], location: { latitude: 1, longitude: 3 } };
  const merged = autoMerge(server, incoming, new Set(), base);
  assert.equal(merged['body'], 'changed on server', 'both changed the scalar: the server value stays');
  assert.equal(merged['reading'], 7, 'only the device changed it');
  assert.deepEqual(merged['tags'], ['a', 's', 'a', 'd'], 'both changed the list: concatenated');
  assert.deepEqual(merged['location'], { latitude: 1, longitude: 3 });
});

test('Auto Merge replaces a list or JSON map the server did not touch, so removals on the device stick', () => {
  const base = { tags: ['a', 'b'], attributes: '{"gauge":"G-1","valve":"V-1"}' };
  const merged = autoMerge(base, { tags: ['a'], attributes: '{"gauge":"G-1"}' }, new Set(['attributes']), base);
  assert.deepEqual(merged['tags'], ['a']);
  assert.deepEqual(JSON.parse(String(merged['attributes'])), { gauge: 'G-1' });
});

test('Auto Merge: a field that already holds the incoming value is no conflict, so a resent list is not appended twice', () => {
  const base = { tags: ['t'], body: 'b' };
  const applied = { tags: ['t', 'x'], body: 'b' };
  const merged = autoMerge(applied, { tags: ['t', 'x'] }, new Set(), base);
  assert.deepEqual(merged['tags'], ['t', 'x']);
});
