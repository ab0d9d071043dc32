import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { gql, officeToken, startTestServer, tempDbPath } from './harness.ts';

const db = tempDbPath();
let server: RunningServer;
const SYNC =
  'query operation($limit: Int, $nextToken: String, $lastSync: AWSTimestamp, $filter: ModelSiteFilterInput) { syncSites(limit: $limit, nextToken: $nextToken, lastSync: $lastSync, filter: $filter) { items { id name _version _lastChangedAt _deleted } nextToken startedAt } }';

async function syncAll(variables: Record<string, unknown>) {
  const pages = [];
  let nextToken: string | null = null;
  do {
    const { body } = await gql(server.port, SYNC, { ...variables, nextToken });
    assert.equal(body.errors, undefined);
    pages.push(body.data.syncSites);
    nextToken = body.data.syncSites.nextToken;
    // A write during pagination must not move startedAt.
    if (pages.length === 1)
      await gql(server.port, 'mutation { updateSite(input: {id: "p0", name: "moved", _version: 1}) { id } }');
  } while (nextToken !== null);
  return pages;
}

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) =>
      insertRecords(
        store,
        'Site',
        Array.from({ length: 7 }, (_, i) => ({ id: `p${i}`, name: i % 2 ? 'odd' : 'even' })),
      ),
  });
});
after(async () => {
  await server.close();
  db.cleanup();
});

test(
  'sync pages: limit honoured, startedAt stable and in ms, nextToken exactly null, newest state last',
  { timeout: 20_000 },
  async () => {
    const before = Date.now();
    const pages = await syncAll({ limit: 3, lastSync: 0 });
    assert.ok(pages.length >= 3);
    assert.ok(pages.every((p) => p.items.length <= 3));
    assert.equal(new Set(pages.map((p) => p.startedAt)).size, 1);
    assert.ok(pages[0].startedAt >= before && pages[0].startedAt > 2 ** 31);
    assert.strictEqual(pages.at(-1).nextToken, null);
    const items = pages.flatMap((p) => p.items);
    assert.equal(items.filter((i: { id: string }) => i.id === 'p0').at(-1).name, 'moved');
    // Delta from the startedAt: only what changed since, tombstones included.
    await gql(server.port, 'mutation { deleteSite(input: {id: "p3", _version: 1}) { id } }');
    const delta = (await syncAll({ limit: 100, lastSync: pages[0].startedAt })).flatMap((p) => p.items);
    assert.deepEqual(
      delta.map((i: { id: string; _deleted: boolean | null }) => [i.id, i._deleted]),
      [
        ['p0', null],
        ['p3', true],
      ],
    );
    const filtered = (await syncAll({ limit: 2, lastSync: 0, filter: { name: { eq: 'odd' } } })).flatMap(
      (p) => p.items,
    );
    assert.deepEqual(filtered.map((i: { id: string }) => i.id).sort(), ['p1', 'p3', 'p5']);
  },
);

test('values are echoed exactly as sent: AWSJSON text, floats, dates', { timeout: 20_000 }, async () => {
  const input = {
    jobID: 'j',
    body: 'b',
    observedAt: '2026-02-01T10:00:00+02:00',
    reading: 0.1,
    attributes: '{ "b": 1.50,  "a": [ ] }',
  };
  const { body } = await gql(
    server.port,
    'mutation($input: CreateFieldNoteInput!) { createFieldNote(input: $input) { id observedAt reading attributes _version _deleted } }',
    { input },
  );
  assert.equal(body.errors, undefined);
  const note = body.data.createFieldNote;
  assert.deepEqual(
    { observedAt: note.observedAt, reading: note.reading, attributes: note.attributes },
    { observedAt: input.observedAt, reading: 0.1, attributes: input.attributes },
  );
  assert.equal(note._version, 1);
  assert.equal(note._deleted, null);
});

test(
  'AppSync error shape: errorType, data and errorInfo at the top level; ConflictUnhandled carries the item',
  { timeout: 20_000 },
  async () => {
    const { status, body } = await gql(
      server.port,
      'mutation { updateSite(input: {id: "p1", name: "stale", _version: 99}) { id name } }',
    );
    assert.equal(status, 200);
    assert.deepEqual(body.data, { updateSite: null });
    const [error] = body.errors;
    assert.equal(error.errorType, 'ConflictUnhandled');
    assert.equal(error.message, 'Conflict resolver rejects mutation.');
    assert.equal(error.data.id, 'p1');
    assert.equal(error.data.name, 'odd');
    assert.ok('errorInfo' in error && !('extensions' in error));
    const missingVersion = await gql(server.port, 'mutation { deleteSite(input: {id: "p2"}) { id } }');
    assert.equal(missingVersion.body.errors[0].errorType, 'ConflictUnhandled');
    assert.equal(missingVersion.body.errors[0].data._version, 1);
    const duplicate = await gql(server.port, 'mutation { createSite(input: {id: "p1", name: "again"}) { id } }');
    assert.equal(duplicate.body.errors[0].errorType, 'ConditionalCheckFailedException');
    const condition = await gql(
      server.port,
      'mutation { updateSite(input: {id: "p1", name: "c", _version: 1}, condition: {name: {eq: "even"}}) { id } }',
    );
    assert.equal(condition.body.errors[0].errorType, 'ConditionalCheckFailedException');
    assert.equal(
      (await gql(server.port, 'query { getSite(id: "p1") { name _version } }')).body.data.getSite._version,
      1,
    );
  },
);

test(
  'bad input gets AppSync-shaped errors, writes nothing, and the server keeps serving',
  { timeout: 20_000 },
  async () => {
    const token = await officeToken(server.port);
    const post = (body: string, authorization = token) =>
      fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body,
      });
    const unauthorized = await post('{"query":"{ listSites { items { id } } }"}', 'not-a-token');
    assert.equal(unauthorized.status, 401);
    assert.deepEqual(await unauthorized.json(), {
      errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
    });
    const cases: [string, string][] = [
      ['{not json', 'MalformedHttpRequestException'],
      ['{"query": 5}', 'MalformedHttpRequestException'],
      ['{"query":"query {"}', 'MalformedHttpRequestException'],
      ['{"query":"{ listWidgets { items { id } } }"}', 'ValidationError'],
      ['{"query":"mutation { createSite(input: {name: 5}) { id } }"}', 'ValidationError'],
      [
        '{"query":"mutation { createSite(input: {id: \\"m\\", name: \\"x\\", _deleted: true}) { id } }"}',
        'ValidationError',
      ],
      [
        '{"query":"mutation($i: CreateSiteInput!) { createSite(input: $i) { id } }","variables":{"i":{"id":"m","name":"x","_lastChangedAt":1}}}',
        'ValidationError',
      ],
      [
        '{"query":"mutation($i: CreateFieldNoteInput!) { createFieldNote(input: $i) { id } }","variables":{"i":{"id":"m","jobID":"j","body":"b","observedAt":"yesterday"}}}',
        'ValidationError',
      ],
      [`{"query":"{ listSites { items { id } } }","pad":"${'x'.repeat(1024 * 1024)}"}`, 'PayloadTooLargeException'],
    ];
    for (const [body, errorType] of cases) {
      const response = await post(body);
      const json = (await response.json()) as { errors: { errorType: string; data: unknown; errorInfo: unknown }[] };
      assert.equal(json.errors[0]?.errorType, errorType, body.slice(0, 80));
      assert.ok('data' in json.errors[0]! && 'errorInfo' in json.errors[0]!);
    }
    assert.equal((await gql(server.port, 'query { getSite(id: "m") { id } }')).body.data.getSite, null);
    assert.equal((await gql(server.port, 'query { getSite(id: "p5") { id } }')).body.data.getSite.id, 'p5');
  },
);

test('stop and restart: every acknowledged write is still there', { timeout: 30_000 }, async () => {
  const { body } = await gql(
    server.port,
    'mutation { createSite(input: {id: "durable", name: "kept"}) { _version _lastChangedAt } }',
  );
  await gql(server.port, 'mutation { updateSite(input: {id: "durable", notes: "n", _version: 1}) { id } }');
  await server.close();
  server = await startTestServer(db.path);
  const after = await gql(server.port, 'query { getSite(id: "durable") { name notes _version _lastChangedAt } }');
  assert.deepEqual(
    { ...after.body.data.getSite, _lastChangedAt: undefined },
    { name: 'kept', notes: 'n', _version: 2, _lastChangedAt: undefined },
  );
  assert.ok(after.body.data.getSite._lastChangedAt >= body.data.createSite._lastChangedAt);
  assert.equal((await gql(server.port, 'query { getSite(id: "p3") { _deleted } }')).body.data.getSite._deleted, true);
});
