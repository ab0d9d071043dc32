import assert from 'node:assert/strict';
import { test } from 'node:test';

import { type ConflictDecision, loadConflictHandler } from './lambda-handler.ts';

const handler = loadConflictHandler('fieldbookJobConflictHandler');
const HOUR = 3_600_000;

const stored = (fields: Record<string, unknown>) => ({
  id: 'j1',
  siteID: 's1',
  title: 'Inspect',
  status: 'OPEN',
  priority: 'NORMAL',
  _version: 2,
  _lastChangedAt: Date.now(),
  ...fields,
});
const times = (entries: Record<string, number>) =>
  JSON.stringify(Object.fromEntries(Object.entries(entries).map(([field, ms]) => [field, new Date(ms).toISOString()])));

async function resolve(newItem: Record<string, unknown>, existingItem: Record<string, unknown>) {
  const decision: ConflictDecision = await handler({
    newItem: { id: 'j1', _version: 1, ...newItem },
    existingItem,
    arguments: {},
    resolver: 'updateJob',
    identity: null,
  });
  assert.equal(decision.action, 'RESOLVE');
  return decision.action === 'RESOLVE' ? decision.item : {};
}

test('a same-field edit saved earlier does not overwrite one saved later, however late it arrives', async () => {
  const now = Date.now();
  const item = await resolve(
    { priority: 'LOW', fieldEditedAt: times({ priority: now - 2 * HOUR }) },
    stored({ priority: 'URGENT', fieldEditedAt: times({ priority: now - HOUR }) }),
  );
  assert.equal(item['priority'], 'URGENT');
  assert.equal(JSON.parse(String(item['fieldEditedAt']))['priority'], new Date(now - HOUR).toISOString());
});

test('a same-field edit saved later wins, and its time is kept for the next conflict', async () => {
  const now = Date.now();
  const item = await resolve(
    { status: 'ON_HOLD', fieldEditedAt: times({ status: now - HOUR }) },
    stored({ status: 'IN_PROGRESS', fieldEditedAt: times({ status: now - 2 * HOUR, title: now - 3 * HOUR }) }),
  );
  assert.equal(item['status'], 'ON_HOLD', 'status follows the later edit, not the one further along');
  assert.deepEqual(JSON.parse(String(item['fieldEditedAt'])), {
    status: new Date(now - HOUR).toISOString(),
    title: new Date(now - 3 * HOUR).toISOString(),
  });
});

test('fields only the device changed are applied whatever their time', async () => {
  const now = Date.now();
  const item = await resolve(
    { description: 'new pump', fieldEditedAt: times({ description: now - 5 * HOUR }) },
    stored({ title: 'Renamed', fieldEditedAt: times({ title: now - HOUR }) }),
  );
  assert.equal(item['description'], 'new pump');
  assert.equal(item['title'], 'Renamed');
});

test('a device clock running ahead cannot claim a time later than the server has seen', async () => {
  const now = Date.now();
  // The stored edit came from a device a day ahead; the server stored it an hour ago.
  const ahead = await resolve(
    { priority: 'LOW', fieldEditedAt: times({ priority: now - 30 * 60_000 }) },
    stored({ priority: 'URGENT', _lastChangedAt: now - HOUR, fieldEditedAt: times({ priority: now + 24 * HOUR }) }),
  );
  assert.equal(ahead['priority'], 'LOW', 'the stored time counts as no later than when the server stored it');
  // An incoming time in the future counts as now, so it still beats an older stored edit but no more.
  const future = await resolve(
    { priority: 'HIGH', fieldEditedAt: times({ priority: now + 24 * HOUR }) },
    stored({ priority: 'URGENT', fieldEditedAt: times({ priority: now - HOUR }) }),
  );
  assert.equal(future['priority'], 'HIGH');
});

test('an edit without a recorded time loses to a timed one, and wins where neither has one', async () => {
  const now = Date.now();
  const untimed = await resolve({ title: 'Old app' }, stored({ fieldEditedAt: times({ title: now - HOUR }) }));
  assert.equal(untimed['title'], 'Inspect');
  const neither = await resolve({ title: 'Old app' }, stored({}));
  assert.equal(neither['title'], 'Old app');
  assert.equal(neither['fieldEditedAt'], undefined, 'no edit times are invented');
});

test('AppSync hands AWSJSON over as maps: edit times are read and returned as maps', async () => {
  const now = Date.now();
  const item = await resolve(
    { priority: 'LOW', fieldEditedAt: { priority: new Date(now - 2 * HOUR).toISOString() } },
    stored({ priority: 'URGENT', fieldEditedAt: { priority: new Date(now - HOUR).toISOString() } }),
  );
  assert.equal(item['priority'], 'URGENT');
  assert.deepEqual(item['fieldEditedAt'], { priority: new Date(now - HOUR).toISOString() });
});

test('tags are unioned and ticked checklist items stay ticked, whatever the times', async () => {
  const now = Date.now();
  const item = await resolve(
    {
      tags: ['pumps', 'night'],
      checklist: [{ id: 'c1', label: 'Isolate', done: false, doneAt: null }],
      fieldEditedAt: times({ tags: now - 2 * HOUR, checklist: now - 2 * HOUR }),
    },
    stored({
      tags: ['pumps', 'urgent'],
      checklist: [{ id: 'c1', label: 'Isolate', done: true, doneAt: '2026-01-01T00:00:00.000Z' }],
      fieldEditedAt: times({ tags: now - HOUR, checklist: now - HOUR }),
    }),
  );
  assert.deepEqual(item['tags'], ['pumps', 'urgent', 'night']);
  assert.equal((item['checklist'] as { done: boolean }[])[0]?.done, true);
});
