import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { RunningServer } from '../src/server.ts';
import { gql, tempDbPath } from './harness.ts';
import { startOtherSchemaServer } from './other-schemas.ts';

// The server on schemas a team might write instead of Fieldbook's (other-schemas.ts).

const db = tempDbPath();
let server: RunningServer;

async function call(query: string, variables: Record<string, unknown> = {}) {
  const { body } = await gql(server.port, query, variables);
  return body as { data?: Record<string, unknown> | null; errors?: { errorType: string; message: string }[] };
}

async function data(query: string, variables: Record<string, unknown> = {}) {
  const body = await call(query, variables);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, Record<string, unknown> & { items: Record<string, unknown>[] }>;
}

async function error(query: string, variables: Record<string, unknown> = {}) {
  const body = await call(query, variables);
  const [first] = body.errors ?? [];
  assert.ok(first, `expected an error, got ${JSON.stringify(body.data)}`);
  return first;
}

before(async () => {
  server = await startOtherSchemaServer(db.path);
});

after(async () => {
  await server.close();
  db.cleanup();
});

describe('a model keyed by its own field (@primaryKey)', () => {
  const fields = 'noteId body priority _version _deleted';

  test('is created, read, updated and deleted by that key, and synced with it', async () => {
    const created = await data(
      `mutation { createNote(input: { noteId: "n1", body: "first", priority: 1 }) { ${fields} } }`,
    );
    assert.deepEqual(created['createNote'], { noteId: 'n1', body: 'first', priority: 1, _version: 1, _deleted: null });

    const read = await data(`{ getNote(noteId: "n1") { ${fields} } }`);
    assert.equal(read['getNote']?.['body'], 'first');

    const updated = await data(
      `mutation { updateNote(input: { noteId: "n1", body: "second", _version: 1 }) { ${fields} } }`,
    );
    assert.deepEqual(updated['updateNote'], { noteId: 'n1', body: 'second', priority: 1, _version: 2, _deleted: null });

    const synced = await data(`{ syncNotes { items { ${fields} } startedAt } }`);
    assert.deepEqual(
      synced['syncNotes']?.items.map((item) => [item['noteId'], item['body']]),
      [['n1', 'second']],
    );

    const deleted = await data(`mutation { deleteNote(input: { noteId: "n1", _version: 2 }) { ${fields} } }`);
    assert.equal(deleted['deleteNote']?.['_deleted'], true);
    assert.equal(deleted['deleteNote']?.['_version'], 3);
  });

  test('refuses a second create of the same key, and a stale update under Optimistic Concurrency', async () => {
    await data(`mutation { createNote(input: { noteId: "n2", body: "mine" }) { noteId } }`);
    const duplicate = await error(`mutation { createNote(input: { noteId: "n2", body: "theirs" }) { noteId } }`);
    assert.equal(duplicate.errorType, 'ConditionalCheckFailedException');

    await data(`mutation { updateNote(input: { noteId: "n2", body: "newer", _version: 1 }) { _version } }`);
    const stale = (await call(
      `mutation { updateNote(input: { noteId: "n2", body: "older", _version: 1 }) { noteId } }`,
    )) as { errors?: { errorType: string; data: Record<string, unknown> }[] };
    assert.equal(stale.errors?.[0]?.errorType, 'ConflictUnhandled');
    assert.equal(stale.errors?.[0]?.data['body'], 'newer');
    assert.equal((await data(`{ getNote(noteId: "n2") { body } }`))['getNote']?.['body'], 'newer');
  });

  test('an update of a key never created is refused as AppSync refuses it', async () => {
    const missing = await error(
      `mutation { updateNote(input: { noteId: "nobody", body: "x", _version: 1 }) { noteId } }`,
    );
    assert.equal(missing.errorType, 'Unauthorized');
  });

  test('a secondary index with a queryField pages one partition in sort key order', async () => {
    for (const body of ['b-two', 'a-one', 'b-one', 'c-three']) {
      await data(
        `mutation($id: ID!, $b: String) { createNote(input: { noteId: $id, body: $b, priority: 7 }) { noteId } }`,
        {
          id: body,
          b: body,
        },
      );
    }
    await data(`mutation { createNote(input: { noteId: "other", body: "b-other", priority: 8 }) { noteId } }`);

    const descending = await data(
      `{ notesByPriority(priority: 7, body: { beginsWith: "b" }, sortDirection: DESC) { items { body } nextToken } }`,
    );
    assert.deepEqual(
      descending['notesByPriority']?.items.map((item) => item['body']),
      ['b-two', 'b-one'],
    );

    const first = await data(`{ notesByPriority(priority: 7, limit: 3) { items { body } nextToken } }`);
    assert.deepEqual(
      first['notesByPriority']?.items.map((item) => item['body']),
      ['a-one', 'b-one', 'b-two'],
    );
    const rest = await data(
      `query($t: String) { notesByPriority(priority: 7, limit: 3, nextToken: $t) { items { body } nextToken } }`,
      {
        t: first['notesByPriority']?.['nextToken'],
      },
    );
    assert.deepEqual(
      rest['notesByPriority']?.items.map((item) => item['body']),
      ['c-three'],
    );
    assert.equal(rest['notesByPriority']?.['nextToken'], null);

    const between = await data(`{ notesByPriority(priority: 7, body: { between: ["b", "c"] }) { items { body } } }`);
    assert.deepEqual(
      between['notesByPriority']?.items.map((item) => item['body']),
      ['b-one', 'b-two'],
    );
  });

  test('key and filter arguments are refused where AppSync refuses them', async () => {
    const oneBound = await error(`{ notesByPriority(priority: 7, body: { between: ["b"] }) { items { body } } }`);
    assert.equal(oneBound.errorType, 'InvalidArgumentsError');
    assert.match(oneBound.message, /body\.between' expects exactly two elements/);

    const filterBound = await error(`{ listNotes(filter: { priority: { between: [1] } }) { items { noteId } } }`);
    assert.equal(filterBound.errorType, 'DynamoDB:DynamoDbException');
    assert.match(filterBound.message, /filter\.priority\.between takes exactly two values, got 1/);

    const noSortKey = await error(`{ listNotes(sortDirection: ASC) { items { noteId } } }`);
    assert.equal(noSortKey.message, 'sortDirection is not supported for List operations without a Sort key defined.');

    const twoConditions = await error(
      `{ notesByPriority(priority: 7, body: { gt: "a", lt: "c" }) { items { body } } }`,
    );
    assert.equal(twoConditions.errorType, 'InvalidArgumentsError');

    const condition = await error(
      `mutation { updateNote(input: { noteId: "n2", body: "x" }, condition: { priority: { between: [1] } }) { noteId } }`,
    );
    assert.equal(condition.errorType, 'DynamoDB:DynamoDbException');
    assert.equal((await data(`{ getNote(noteId: "n2") { body } }`))['getNote']?.['body'], 'newer');
  });
});

describe('a model with a composite key (partition key and two sort key fields)', () => {
  const reading = (takenAt: string, seq: number, value: number) =>
    data(
      `mutation($t: AWSDateTime!, $s: Int!, $v: Float) {
        createReading(input: { deviceId: "pump-1", takenAt: $t, seq: $s, value: $v }) { deviceId takenAt seq _version }
      }`,
      { t: takenAt, s: seq, v: value },
    );

  test('is keyed by all three fields: same partition, different sort keys are different records', async () => {
    await reading('2026-11-27T08:00:00.000Z', 1, 1.5);
    await reading('2026-11-28T08:00:00.000Z', 1, 2.5);
    await reading('2026-11-28T08:00:00.000Z', 2, 3.5);
    const duplicate = await error(
      `mutation { createReading(input: { deviceId: "pump-1", takenAt: "2026-11-28T08:00:00.000Z", seq: 2 }) { seq } }`,
    );
    assert.equal(duplicate.errorType, 'ConditionalCheckFailedException');

    const one = await data(
      `{ getReading(deviceId: "pump-1", takenAt: "2026-11-28T08:00:00.000Z", seq: 1) { value _version } }`,
    );
    assert.deepEqual(one['getReading'], { value: 2.5, _version: 1 });
  });

  test('a stale update merges (Auto Merge) into the record its whole key names', async () => {
    const key = 'deviceId: "pump-1", takenAt: "2026-11-28T08:00:00.000Z", seq: 2';
    await data(`mutation { updateReading(input: { ${key}, value: 4.5, _version: 1 }) { _version } }`);
    const merged = await data(
      `mutation { updateReading(input: { ${key}, tags: ["checked"], _version: 1 }) { value tags _version } }`,
    );
    assert.deepEqual(merged['updateReading'], { value: 4.5, tags: ['checked'], _version: 3 });
    const untouched = await data(
      `{ getReading(deviceId: "pump-1", takenAt: "2026-11-28T08:00:00.000Z", seq: 1) { value _version } }`,
    );
    assert.deepEqual(untouched['getReading'], { value: 2.5, _version: 1 });
  });

  test('list queries take the partition key and a condition on the composite sort key', async () => {
    const today = await data(
      `{ listReadings(deviceId: "pump-1", takenAtSeq: { ge: { takenAt: "2026-11-28T00:00:00.000Z" } }, sortDirection: DESC) {
          items { takenAt seq } } }`,
    );
    assert.deepEqual(
      today['listReadings']?.items.map((item) => [item['takenAt'], item['seq']]),
      [
        ['2026-11-28T08:00:00.000Z', 2],
        ['2026-11-28T08:00:00.000Z', 1],
      ],
    );
    const withoutPartition = await error(`{ listReadings(takenAtSeq: { eq: { seq: 1 } }) { items { seq } } }`);
    assert.equal(withoutPartition.message, "When providing argument 'takenAtSeq' you must also provide 'deviceId'.");
    const oneBound = await error(
      `{ listReadings(deviceId: "pump-1", takenAtSeq: { between: [{ takenAt: "2026-11-28T00:00:00.000Z" }] }) { items { seq } } }`,
    );
    assert.equal(oneBound.message, "Argument 'takenAtSeq.between' expects exactly two elements.");
  });

  test('a delete by the whole key tombstones that record only', async () => {
    const deleted = await data(
      `mutation { deleteReading(input: { deviceId: "pump-1", takenAt: "2026-11-27T08:00:00.000Z", seq: 1, _version: 1 }) {
          _deleted _version } }`,
    );
    assert.deepEqual(deleted['deleteReading'], { _deleted: true, _version: 2 });
    const synced = await data(`{ syncReadings { items { seq takenAt _deleted } } }`);
    assert.equal(synced['syncReadings']?.items.filter((item) => item['_deleted'] === true).length, 1);
    assert.equal(synced['syncReadings']?.items.length, 3);
  });
});

describe('relations keyed by a custom primary key', () => {
  test('hasMany and belongsTo follow the custom key fields', async () => {
    await data(`mutation { createCrew(input: { crewCode: "north", name: "North crew" }) { crewCode } }`);
    await data(`mutation { createCrew(input: { crewCode: "south", name: "South crew" }) { crewCode } }`);
    for (const [name, crewCode] of [
      ['Zoe', 'north'],
      ['Ana', 'north'],
      ['Raj', 'south'],
    ] as const) {
      await data(`mutation($n: String!, $c: String!) { createMember(input: { name: $n, crewCode: $c }) { id } }`, {
        n: name,
        c: crewCode,
      });
    }
    const crew = await data(`{ getCrew(crewCode: "north") { name members { items { name crew { name } } } } }`);
    assert.deepEqual(crew['getCrew']?.['members'], {
      items: [
        { name: 'Ana', crew: { name: 'North crew' } },
        { name: 'Zoe', crew: { name: 'North crew' } },
      ],
    });
    const byCrew = await data(
      `{ membersByCrewCodeAndName(crewCode: "north", name: { beginsWith: "A" }) { items { name } } }`,
    );
    assert.deepEqual(byCrew['membersByCrewCodeAndName']?.items, [{ name: 'Ana' }]);
  });
});
