import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { forkServer, gql, officeToken, startTestServer, tempDbPath } from './harness.ts';

// One costly request must not stop the server for everyone: it is refused before it runs, or it
// runs in slices with other requests answered in between, and stops at AppSync's limits.
const JOBS = 20;
const db = tempDbPath();
// The server runs in its own process, so the timings below are the server's, not this test's
// event loop (which would otherwise wait for the server's slices too).
let server: { port: number };
let child: ChildProcess | undefined;

before(async () => {
  const store = new SqliteStore(db.path);
  insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
  insertRecords(
    store,
    'Job',
    Array.from({ length: JOBS }, (_, i) => ({
      id: `j${i}`,
      siteID: 's1',
      title: `Job ${i}`,
      status: 'OPEN',
      priority: 'LOW',
    })),
  );
  store.close();
  const forked = await forkServer(db.path);
  child = forked.child;
  server = { port: forked.port };
  // A fresh server's first requests compile code paths; timings below are of a warm server.
  for (let i = 0; i < 5; i++) await gql(server.port, siteJobsQuery(3));
});
after(() => {
  child?.kill('SIGKILL');
  db.cleanup();
});

/** `getSite { jobs { items { site { jobs { items { … } } } } } }`, `levels` relations deep. */
function siteJobsQuery(levels: number): string {
  let selection = 'id';
  for (let level = levels - 1; level >= 0; level--) {
    selection = level % 2 === 0 ? `jobs { items { ${selection} } }` : `site { ${selection} }`;
  }
  return `{ getSite(id: "s1") { ${selection} } }`;
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { errorType: string; message: string; path?: unknown[] }[] };
  ms: number;
}

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const started = performance.now();
  const { status, body } = await gql(server.port, query, variables);
  return { status, body, ms: performance.now() - started };
}

/** Runs `costly` while a small request goes out every 25 ms; returns both sides' timings. */
async function whileOthersAsk(costly: () => Promise<Answer>): Promise<{ answer: Answer; others: number[] }> {
  const others: number[] = [];
  let done = false;
  const asking = (async () => {
    while (!done) {
      const small = await post('{ getSite(id: "s1") { id name } }');
      assert.deepEqual(small.body, { data: { getSite: { id: 's1', name: 'Depot' } } });
      others.push(small.ms);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const answer = await costly();
  done = true;
  await asking;
  return { answer, others };
}

test('a 40-level relation query stops at the resolver limit while other requests are answered', async () => {
  const { answer, others } = await whileOthersAsk(() => post(siteJobsQuery(40)));
  assert.equal(answer.status, 200);
  // The query asks for 20^20 jobs: it stops at the first limit reached, reported a few times, not per field.
  const errors = answer.body.errors ?? [];
  assert.ok(errors.length > 0 && errors.length <= 10, `${errors.length} errors`);
  assert.match(errors[0]?.errorType ?? '', /^(ResolverExecutionLimitReached|ResponseSizeLimitReached)$/);
  assert.ok(JSON.stringify(answer.body).length < 20 * 1024 * 1024);
  assert.ok(answer.ms < 20_000, `answered in ${Math.round(answer.ms)} ms`);
  assert.ok(others.length >= 3, `only ${others.length} small requests went out meanwhile`);
  // Without turns a small request would wait for most of the costly run; with them it waits for
  // slices of it. Measured against the run itself, so a busy machine slows both sides alike.
  const slowest = Math.max(...others);
  assert.ok(
    slowest < Math.max(200, answer.ms / 4),
    `a small request waited ${Math.round(slowest)} ms of a ${Math.round(answer.ms)} ms run (all: ${others.map(Math.round).join(', ')})`,
  );
});

test('a 2,000-alias query is refused before it runs, with a message that says why', async () => {
  const aliases = Array.from({ length: 2000 }, (_, i) => `a${i}: getSite(id: "s1") { id }`).join(' ');
  // Refused by validation (a 400), so it never runs, and the small requests beside it are answered
  // as usual (checked as they go); how long they wait is a bench matter, not a test's.
  const { answer } = await whileOthersAsk(() => post(`{ ${aliases} }`));
  assert.equal(answer.status, 400);
  assert.equal(answer.body.errors?.[0]?.errorType, 'ValidationError');
  assert.match(answer.body.errors?.[0]?.message ?? '', /split it into smaller queries/);
});

test('one field repeated 300 times is refused before validation compares every pair', async () => {
  const repeated = Array.from({ length: 300 }, () => 'getSite(id: "s1") { id }').join(' ');
  const answer = await post(`{ ${repeated} }`);
  assert.equal(answer.status, 400);
  assert.match(answer.body.errors?.[0]?.message ?? '', /"getSite" is selected more than 20 times/);
});

test('filters nested 3,000 levels deep, in the query or in variables, get a clear error', async () => {
  let literal = '{ title: { eq: "x" } }';
  for (let i = 0; i < 3000; i++) literal = `{ and: [${literal}] }`;
  const inQuery = await post(`{ listJobs(filter: ${literal}) { items { id } } }`);
  assert.equal(inQuery.status, 400);
  assert.match(inQuery.body.errors?.[0]?.message ?? '', /nests .* deeper than 64 levels/);

  let json = '{ "title": { "eq": "x" } }';
  for (let i = 0; i < 3000; i++) json = `{ "and": [${json}] }`;
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await officeToken(server.port) },
    body: `{ "query": "query Q($f: ModelJobFilterInput) { listJobs(filter: $f) { items { id } } }", "variables": { "f": ${json} } }`,
  });
  const body = (await response.json()) as Answer['body'];
  assert.equal(response.status, 400);
  assert.match(body.errors?.[0]?.message ?? '', /variables nest deeper than 64 levels/);
  assert.doesNotMatch(JSON.stringify(body), /call stack/i);
});

test('DataStore-shaped queries with modest nesting still run', async () => {
  const answer = await post(siteJobsQuery(3));
  assert.equal(answer.status, 200);
  assert.equal(answer.body.errors, undefined);
  const items = (answer.body.data as { getSite: { jobs: { items: { site: { jobs: { items: unknown[] } } }[] } } })
    .getSite.jobs.items;
  assert.equal(items.length, JOBS);
  assert.equal(items[0]?.site.jobs.items.length, JOBS);
});

test('configured limits: query depth, resolver count and time budget each stop a query with their error', async () => {
  const configured = tempDbPath();
  const strict = await startTestServer(configured.path, {
    limits: { maxQueryDepth: 4, maxResolvers: 3 },
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      insertRecords(store, 'Job', [{ id: 'j1', siteID: 's1', title: 'Pump', status: 'OPEN', priority: 'LOW' }]);
    },
  });
  const slowDb = tempDbPath();
  const slow = await startTestServer(slowDb.path, { limits: { requestTimeBudgetMs: 0 } });
  try {
    // Depth 4 is getSite > jobs > items > id; `site` under items is at 4 and its `id` at 5.
    const deep = await gql(strict.port, '{ getSite(id: "s1") { jobs { items { id site { id } } } } }');
    assert.deepEqual(deep.body.data, { getSite: { jobs: { items: [{ id: 'j1', site: null }] } } });
    assert.deepEqual(
      deep.body.errors.map((e: { errorType: string; path: unknown[] }) => [e.errorType, e.path]),
      [['QueryDepthLimitReached', ['getSite', 'jobs', 'items', 0, 'site', 'id']]],
    );

    const many = await gql(
      strict.port,
      '{ a: getSite(id: "s1") { id } b: getSite(id: "s1") { id } c: getSite(id: "s1") { id } d: getSite(id: "s1") { id } }',
    );
    assert.deepEqual(many.body.data, { a: { id: 's1' }, b: { id: 's1' }, c: { id: 's1' }, d: null });
    assert.equal(many.body.errors[0].errorType, 'ResolverExecutionLimitReached');

    const late = await gql(slow.port, '{ getSite(id: "s1") { id } }');
    assert.deepEqual(late.body.data, { getSite: null });
    assert.deepEqual(
      [late.body.errors[0].errorType, late.body.errors[0].message],
      ['ExecutionTimeout', 'Execution timed out.'],
    );
  } finally {
    await strict.close();
    await slow.close();
    configured.cleanup();
    slowDb.cleanup();
  }
});
