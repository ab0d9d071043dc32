import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import type { ChangeEvent } from './change-event.ts';
import { groupCommit } from './group-commit.ts';
import { SqliteStore, type StoredRecord } from './sqlite-store.ts';

function counter(id: string, value: number, version: number): StoredRecord {
  return { id, value, _version: version, _lastChangedAt: version, _deleted: null };
}

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'group-commit-')), 'db.sqlite');
  const store = new SqliteStore(path);
  // A second connection sees only what is committed (on disk in the WAL).
  const committed = new Database(path, { readonly: true });
  const onDisk = (id: string) =>
    (
      committed.prepare("SELECT version FROM records WHERE model = 'C' AND id = ?").get(id) as
        { version: number } | undefined
    )?.version;
  const published: { event: ChangeEvent; onDiskThen: number | undefined }[] = [];
  const serialize = groupCommit(store, (event) =>
    published.push({ event, onDiskThen: onDisk(String(event.record['id'])) }),
  );
  let groups = 0;
  const commitGroup = store.commitGroup.bind(store);
  store.commitGroup = (group) => {
    if (group.writes.length > 0) groups++;
    commitGroup(group);
  };
  /** A read-modify-write through the store, publishing its event as mutations.ts does. */
  const increment = (id: string, fail = false) =>
    serialize(async () => {
      const current = store.get('C', id) ?? counter(id, 0, 0);
      await Promise.resolve();
      const next = counter(id, (current['value'] as number) + 1, current._version + 1);
      store.transaction(() => store.put('C', next));
      if (fail) throw new Error('handler failed');
      const staged = store.stagedEvents();
      assert.ok(staged, 'a mutation runs inside a group');
      staged.push({ model: 'C', mutation: 'updateC', record: next });
      return next;
    });
  return {
    store,
    serialize,
    onDisk,
    published,
    increment,
    groups: () => groups,
    close: () => (committed.close(), store.close()),
  };
}

test('writes queued together commit in one transaction, each seeing the ones before it', async () => {
  const s = setup();
  const results = await Promise.all(Array.from({ length: 20 }, () => s.increment('a')));

  assert.deepEqual(
    results.map((r) => r['value']),
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
  assert.equal(s.onDisk('a'), 20);
  assert.ok(s.groups() < 5, `20 concurrent writes took ${s.groups()} commits`);
  s.close();
});

test('nothing is answered or published before it is on disk, and events keep commit order', async () => {
  const s = setup();
  const acked: (number | undefined)[] = [];
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      s.increment(i % 2 ? 'a' : 'b').then(() => acked.push(s.onDisk(i % 2 ? 'a' : 'b'))),
    ),
  );

  assert.ok(acked.every((version) => version !== undefined && version >= 1));
  assert.equal(s.published.length, 10);
  for (const { event, onDiskThen } of s.published) assert.ok((onDiskThen ?? 0) >= event.record._version);
  const versionsOfA = s.published.filter((p) => p.event.record['id'] === 'a').map((p) => p.event.record._version);
  assert.deepEqual(versionsOfA, [1, 2, 3, 4, 5]);
  s.close();
});

test('a failed mutation leaves nothing behind and does not fail the rest of its group', async () => {
  const s = setup();
  const outcomes = await Promise.allSettled([s.increment('a'), s.increment('a', true), s.increment('a')]);

  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal((outcomes[2] as PromiseFulfilledResult<StoredRecord>).value['value'], 2);
  assert.equal(s.onDisk('a'), 2);
  assert.equal(s.published.length, 2);
  s.close();
});

test('a failed commit fails every mutation of the group, and none is published', async () => {
  const s = setup();
  s.store.commitGroup = () => {
    throw new Error('disk full');
  };
  const outcomes = await Promise.allSettled([s.increment('a'), s.increment('b')]);

  assert.ok(outcomes.every((o) => o.status === 'rejected'));
  assert.equal(s.published.length, 0);
  assert.equal(s.onDisk('a'), undefined);
  s.close();
});

test('the version a write was sent on is seen by the writes after it in its group, and kept on disk', async () => {
  const s = setup();
  const put = (value: number, version: number, basedOn: number) =>
    s.serialize(async () => {
      s.store.transaction(() => s.store.put('C', counter('a', value, version), 'a', basedOn));
      return Promise.resolve([]);
    });
  const basedOn = (version: number) =>
    s.serialize(async () => Promise.resolve(s.store.versionsBasedOn('C', 'a', version)));
  // A resend meeting the version its first delivery made before that version is on disk.
  const [, , staged, other] = await Promise.all([put(1, 1, 0), put(2, 2, 1), basedOn(1), basedOn(0)]);
  assert.equal(s.groups(), 1);
  assert.deepEqual(staged, [2]);
  assert.deepEqual(other, [1]);
  assert.deepEqual(s.store.versionsBasedOn('C', 'a', 1), [2]);
  assert.deepEqual(s.store.versionsBasedOn('C', 'a', 2), []);
  s.close();
});
