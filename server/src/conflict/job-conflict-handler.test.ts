import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { repositoryRoot } from '../amplify-project.ts';
import { type ConflictDecision, loadConflictHandler } from './lambda-handler.ts';

const handler = loadConflictHandler('fieldbookJobConflictHandler');
const { fingerprint, itemFingerprint } = createRequire(import.meta.url)(
  `${repositoryRoot}/amplify/backend/function/fieldbookJobConflictHandler/src/index.js`,
) as {
  fingerprint: (value: unknown) => string | undefined;
  itemFingerprint: (item: unknown) => string | Record<string, string>;
};
/** The app's fingerprints of some values (src/app/domains/shared/util/edit-times.spec.ts checks more). */
const REFERENCE_FINGERPRINTS = new Map<unknown, string>([
  ['Straße ☂ “night”', 'n23r7u'],
  ['', '1yz14zp'],
  [null, 'x0xxgk'],
]);
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
    _values: { status: fingerprint('ON_HOLD') },
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

test('a write without edit times counts as made when the server stores it', async () => {
  const now = Date.now();
  const untimed = await resolve({ title: 'From dispatch' }, stored({ fieldEditedAt: times({ title: now - HOUR }) }));
  assert.equal(untimed['title'], 'From dispatch', 'a plain updateJob is the latest intent for its field');
  // Stored at t1, the title no longer matches its fingerprint: the next conflict dates it to t1.
  const t1 = now - 20 * 60_000;
  const later = await resolve(
    { title: 'Offline rename', fieldEditedAt: times({ title: now - 30 * 60_000 }) },
    { ...untimed, _version: 3, _lastChangedAt: t1 },
  );
  assert.equal(later['title'], 'From dispatch', 'an app edit made before the plain update loses to it');
  assert.equal(JSON.parse(String(later['fieldEditedAt']))['title'], new Date(t1).toISOString());
  const neither = await resolve({ title: 'Old app' }, stored({}));
  assert.equal(neither['title'], 'Old app');
  assert.equal(neither['fieldEditedAt'], undefined, 'no edit times are invented');
});

test('a field an app write sends without its time (re-sent whole after a conflict) is no edit', async () => {
  const now = Date.now();
  const item = await resolve(
    { title: 'Re-sent', priority: 'LOW', fieldEditedAt: times({ priority: now - 10 * 60_000 }) },
    stored({ fieldEditedAt: times({ title: now - HOUR }) }),
  );
  assert.equal(item['title'], 'Inspect', 'an untimed field loses to a timed one');
  assert.equal(item['priority'], 'LOW');
});

test('a value a plain updateJob stored over an app edit counts as changed at that version', async () => {
  const now = Date.now();
  // The app wrote NORMAL with its time; dispatch then set URGENT without edit times, stored at t1.
  const t1 = now - HOUR;
  const fieldEditedAt = JSON.stringify({
    ...JSON.parse(times({ priority: now - 3 * HOUR, title: now - 3 * HOUR })),
    _values: { priority: fingerprint('NORMAL'), title: fingerprint('Inspect') },
  });
  const office = stored({ priority: 'URGENT', _lastChangedAt: t1, fieldEditedAt });
  const older = await resolve({ priority: 'LOW', fieldEditedAt: times({ priority: now - 2 * HOUR }) }, office);
  assert.equal(older['priority'], 'URGENT', 'an offline edit made before the plain update loses');
  const stamped = JSON.parse(String(older['fieldEditedAt'])) as Record<string, unknown>;
  assert.equal(stamped['priority'], new Date(t1).toISOString(), 'the plain update is stamped with when it was stored');
  assert.deepEqual(stamped['_values'], { priority: fingerprint('URGENT'), title: fingerprint('Inspect') });
  const later = await resolve({ priority: 'LOW', fieldEditedAt: times({ priority: now - 30 * 60_000 }) }, office);
  assert.equal(later['priority'], 'LOW', 'an edit made after the plain update wins');
  const title = await resolve({ title: 'Renamed', fieldEditedAt: times({ title: now - 2 * HOUR }) }, office);
  assert.equal(title['title'], 'Renamed', 'only the field the plain update changed counts as changed then');
});

test('on a record no app has stamped, a field changed since the user saw it counts as changed at that version', async () => {
  const now = Date.now();
  // Created and updated by another AppSync client only: no fieldEditedAt at all.
  const office = stored({ priority: 'URGENT', _lastChangedAt: now - HOUR });
  const sent = (base: string) =>
    JSON.stringify({ priority: new Date(now - 2 * HOUR).toISOString(), _base: { priority: fingerprint(base) } });
  const changed = await resolve({ priority: 'LOW', fieldEditedAt: sent('NORMAL') }, office);
  assert.equal(changed['priority'], 'URGENT', 'the user changed NORMAL, dispatch had set URGENT since');
  const unchanged = await resolve({ priority: 'LOW', fieldEditedAt: sent('URGENT') }, office);
  assert.equal(unchanged['priority'], 'LOW', 'nobody changed the value the user changed: the edit stands');
});

test('an untimed value an app write only fingerprinted still counts as changed since the user saw it', async () => {
  const now = Date.now();
  // Dispatch set the assignee without edit times; another device then renamed the job, and its
  // write fingerprinted every field it held, the assignee too, with no time for it.
  const fieldEditedAt = JSON.stringify({
    ...JSON.parse(times({ title: now - 30 * 60_000 })),
    _values: { title: fingerprint('Renamed'), assignee: fingerprint('Sam') },
  });
  const office = stored({ title: 'Renamed', assignee: 'Sam', _lastChangedAt: now - 30 * 60_000, fieldEditedAt });
  const sent = (base: string | null) =>
    JSON.stringify({ assignee: new Date(now - 2 * HOUR).toISOString(), _base: { assignee: fingerprint(base) } });
  const stale = await resolve({ assignee: 'Ana', fieldEditedAt: sent(null) }, office);
  assert.equal(stale['assignee'], 'Sam', 'the user changed an empty assignee, dispatch had set Sam since');
  const current = await resolve({ assignee: 'Ana', fieldEditedAt: sent('Sam') }, office);
  assert.equal(current['assignee'], 'Ana', 'the user changed Sam, as stored: the edit stands');
});

test('the handler fingerprints values as the app does', async () => {
  for (const [value, expected] of REFERENCE_FINGERPRINTS) {
    const item = await resolve({ assignee: value, fieldEditedAt: times({ assignee: Date.now() }) }, stored({}));
    const stamped = JSON.parse(String(item['fieldEditedAt'])) as { _values: Record<string, string> };
    assert.equal(stamped._values['assignee'], expected, JSON.stringify(value));
  }
  assert.equal(fingerprint(['a']), undefined, 'lists are merged, not judged by time: no fingerprint');
});

test('AppSync hands AWSJSON over as maps: edit times are read and returned as maps', async () => {
  const now = Date.now();
  const item = await resolve(
    { priority: 'LOW', fieldEditedAt: { priority: new Date(now - 2 * HOUR).toISOString() } },
    stored({ priority: 'URGENT', fieldEditedAt: { priority: new Date(now - HOUR).toISOString() } }),
  );
  assert.equal(item['priority'], 'URGENT');
  assert.deepEqual(item['fieldEditedAt'], {
    priority: new Date(now - HOUR).toISOString(),
    _values: { priority: fingerprint('URGENT') },
  });
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

/** The app's list fingerprints (edit-times.spec.ts checks the same values), keyed as it keys them. */
const REFERENCE_ITEM_FINGERPRINTS: [unknown, unknown][] = [
  [
    { id: 'c1', label: 'Isolate', done: false, doneAt: null },
    { done: '324swo', label: '1p67a1c' },
  ],
  [
    { done: false, label: 'Isolate', id: 'c1' },
    { done: '324swo', label: '1p67a1c' },
  ],
  [
    { id: 'c1', label: 'Straße ☂', done: true, doneAt: '2026-01-01T00:00:00.000Z' },
    { done: 'lk2v39', doneAt: '1cqejnv', label: '1a2q461' },
  ],
  ['night', '115nck9'],
];

test('list entries are fingerprinted as the app does, a missing and a null field alike', () => {
  for (const [item, expected] of REFERENCE_ITEM_FINGERPRINTS) assert.deepEqual(itemFingerprint(item), expected);
});

const ISOLATE = { id: 'c1', label: 'Isolate', done: false, doneAt: null };
const DRAIN = { id: 'c2', label: 'Drain', done: false, doneAt: null };
const baseOf = (checklist: Record<string, unknown>[], tags: string[] = []) => ({
  _version: 1,
  checklist: Object.fromEntries(checklist.map((item) => [`id:${String(item['id'])}`, itemFingerprint(item)])),
  tags: Object.fromEntries(tags.map((tag) => [`tag:${tag}`, itemFingerprint(tag)])),
});
const listEdit = (fields: Record<string, unknown>, base: ReturnType<typeof baseOf>, at: number) => ({
  ...fields,
  fieldEditedAt: JSON.stringify({
    ...Object.fromEntries(Object.keys(fields).map((field) => [field, new Date(at).toISOString()])),
    _baseItems: base,
  }),
});

test('an older copy brings back no item or tag removed since; of an item both edited, each keeps its fields', async () => {
  const now = Date.now();
  const item = await resolve(
    listEdit(
      { checklist: [ISOLATE, { ...DRAIN, done: true }], tags: ['pumps', 'night', 'urgent'] },
      baseOf([ISOLATE, DRAIN], ['pumps', 'night']),
      now - HOUR,
    ),
    stored({ checklist: [{ ...DRAIN, label: 'Drain both' }], tags: ['pumps'] }),
  );
  assert.deepEqual(item['checklist'], [{ ...DRAIN, label: 'Drain both', done: true }]);
  assert.deepEqual(item['tags'], ['pumps', 'urgent']);
});

test('a removal the writer made goes through a conflict unless the entry was edited since', async () => {
  const now = Date.now();
  const base = baseOf([ISOLATE, DRAIN], ['pumps', 'night']);
  const untouched = await resolve(
    listEdit({ checklist: [DRAIN], tags: ['pumps'] }, base, now - HOUR),
    stored({ checklist: [ISOLATE, DRAIN], tags: ['pumps', 'night'], status: 'IN_PROGRESS' }),
  );
  assert.deepEqual(untouched['checklist'], [DRAIN]);
  assert.deepEqual(untouched['tags'], ['pumps']);

  const editedSince = await resolve(
    listEdit({ checklist: [DRAIN] }, base, now - HOUR),
    stored({ checklist: [{ ...ISOLATE, label: 'Isolate both' }, DRAIN] }),
  );
  assert.deepEqual(editedSince['checklist'], [{ ...ISOLATE, label: 'Isolate both' }, DRAIN]);
});

test('an untick of an item nobody else touched lands; against a tick made since, the tick stays', async () => {
  const now = Date.now();
  const ticked = { ...ISOLATE, done: true, doneAt: '2026-01-01T00:00:00.000Z' };
  const untick = listEdit({ checklist: [ISOLATE] }, baseOf([ticked]), now - HOUR);
  assert.deepEqual((await resolve(untick, stored({ checklist: [ticked], status: 'ON_HOLD' })))['checklist'], [ISOLATE]);
  const renameFromUnticked = listEdit({ checklist: [{ ...ISOLATE, label: 'Isolate both' }] }, baseOf([ISOLATE]), now);
  assert.deepEqual((await resolve(renameFromUnticked, stored({ checklist: [ticked] })))['checklist'], [
    { ...ISOLATE, label: 'Isolate both', done: true, doneAt: ticked.doneAt },
  ]);
});

test('a write without the list it started from keeps every stored entry, as before', async () => {
  const item = await resolve(
    { checklist: [DRAIN], tags: ['night'] },
    stored({ checklist: [ISOLATE, DRAIN], tags: ['pumps'] }),
  );
  assert.deepEqual(item['checklist'], [ISOLATE, DRAIN]);
  assert.deepEqual(item['tags'], ['pumps', 'night']);
});

test('a finished job refuses a stale edit, but takes a stale sign-off, the later signature winning', async () => {
  const now = Date.now();
  const signOff = (signerName: string) => ({
    signerName,
    signedAt: new Date(now).toISOString(),
    signature: 'M1 1L2 2',
    width: 600,
    height: 200,
    reportFingerprint: 'abc',
  });
  const done = stored({ status: 'DONE', signOff: signOff('Kim'), fieldEditedAt: times({ signOff: now - 2 * HOUR }) });
  const call = (newItem: Record<string, unknown>) =>
    handler({
      newItem: { id: 'j1', _version: 1, ...newItem },
      existingItem: done,
      arguments: {},
      resolver: 'updateJob',
      identity: null,
    });
  assert.equal((await call({ title: 'Inspect again', fieldEditedAt: times({ title: now }) })).action, 'REJECT');
  const later = await resolve({ signOff: signOff('Lee'), fieldEditedAt: times({ signOff: now - HOUR }) }, done);
  assert.equal((later['signOff'] as { signerName: string }).signerName, 'Lee');
  const earlier = await resolve({ signOff: signOff('Max'), fieldEditedAt: times({ signOff: now - 3 * HOUR }) }, done);
  assert.equal((earlier['signOff'] as { signerName: string }).signerName, 'Kim');
});
