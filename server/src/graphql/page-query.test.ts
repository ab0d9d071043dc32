import assert from 'node:assert/strict';
import { test } from 'node:test';

import { execute, type OperationDefinitionNode, parse } from 'graphql';

import { readSchema } from '../amplify-project.ts';
import { readTransformedSchema } from '../amplify-project.ts';
import { readApiAuthModes } from '../auth/auth-modes.ts';
import type { Caller } from '../auth/caller.ts';
import { modelAuthorizer } from '../auth/model-authorizer.ts';
import { readModelAuthRules } from '../auth/model-rules.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { buildAppSyncSchema } from '../schema/build-schema.ts';
import { describeModels } from '../schema/model-info.ts';
import { SqliteStore, type StoredRecord } from '../store/sqlite-store.ts';
import type { DataContext } from './data-context.ts';
import { createFieldResolver } from './field-resolver.ts';
import { pageQueries } from './page-query.ts';
import { RequestContext } from './request-context.ts';

const schema = buildAppSyncSchema(readTransformedSchema());
const member = (group: string): Caller => ({
  authMode: 'AMAZON_COGNITO_USER_POOLS',
  sub: `sub-${group}`,
  username: `${group.toLowerCase()}@crew.test`,
  groups: [group],
});
const OFFICE = member('Office');
const models = describeModels(schema, readSchema());

function setup() {
  const store = new SqliteStore(':memory:');
  const data: DataContext = {
    store,
    models,
    strategies: new Map(),
    authorizer: modelAuthorizer(models, readModelAuthRules(readSchema()), readApiAuthModes().defaultMode),
    tombstoneRetentionMs: 1e12,
    publish: () => undefined,
    serialize: (work) => work(),
  };
  return { store, data, pages: pageQueries(schema, data), resolver: createFieldResolver(schema, data) };
}

const SELECTION = `id siteID title description status priority assignee dueDate tags
  checklist { id label done doneAt } createdAt updatedAt _version _lastChangedAt _deleted site { id _deleted }`;
const SYNC = `query operation($limit: Int, $nextToken: String, $lastSync: AWSTimestamp) {
  syncJobs(limit: $limit, nextToken: $nextToken, lastSync: $lastSync) { items { ${SELECTION} } nextToken startedAt } }`;

function record(fields: Record<string, unknown> & { id: string }): StoredRecord {
  return {
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    _version: 1,
    _lastChangedAt: 1,
    _deleted: null,
    ...fields,
  };
}

function job(id: string, siteID: string, extra: Record<string, unknown> = {}) {
  return record({
    id,
    siteID,
    title: `Job ${id}`,
    status: 'OPEN',
    priority: 'LOW',
    tags: ['a'],
    checklist: [{ id: 'c', label: 'L', done: false, doneAt: null }],
    ...extra,
  });
}

/** The same query for `caller` through the compiled path and through graphql-js, as JSON text. */
async function both(
  setupResult: ReturnType<typeof setup>,
  query: string,
  variables: Record<string, unknown>,
  caller = OFFICE,
) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  // Pin the clock: startedAt must be equal in both answers.
  const now = setupResult.store.now();
  setupResult.store.now = () => now;
  const fast = setupResult.pages.run(document, operation, variables, caller);
  const slow = await execute({
    schema,
    document,
    variableValues: variables,
    fieldResolver: setupResult.resolver,
    contextValue: new RequestContext(DEFAULT_LIMITS, caller),
  });
  return { fast: fast && JSON.stringify(fast), slow: JSON.stringify(slow) };
}

test('a sync page is built exactly as graphql-js builds it, parents (deleted ones too) loaded in one go', async () => {
  const s = setup();
  s.store.put('Site', record({ id: 's1', name: 'North' }));
  s.store.put('Site', record({ id: 's2', name: 'South', _deleted: true }));
  s.store.transaction(() => {
    for (let i = 0; i < 30; i++)
      s.store.put(
        'Job',
        job(
          `j${i}`,
          i % 3 === 0 ? 's1' : i % 3 === 1 ? 's2' : 'gone',
          i === 4 ? { description: 'x', dueDate: '2026-02-01' } : {},
        ),
      );
  });
  let singleReads = 0;
  const get = s.store.get.bind(s.store);
  s.store.get = (model, id) => (singleReads++, get(model, id));

  const first = await both(s, SYNC, { limit: 20, lastSync: 0 });
  assert.ok(first.fast, 'the sync page takes the compiled path');
  assert.equal(first.fast, first.slow);
  assert.match(first.fast, /"site":\{"id":"s2","_deleted":true\}/);
  assert.match(first.fast, /"site":null/);
  const token = (JSON.parse(first.fast) as { data: { syncJobs: { nextToken: string } } }).data.syncJobs.nextToken;
  const second = await both(s, SYNC, { limit: 20, lastSync: 0, nextToken: token });
  assert.equal(second.fast, second.slow);
  singleReads = 0;
  s.pages.run(parse(SYNC), parse(SYNC).definitions[0] as OperationDefinitionNode, { limit: 20, lastSync: 0 }, OFFICE);
  assert.equal(singleReads, 0, 'no parent read one by one');
});

test('a Viewer takes the compiled path and a crew member reads their crews as graphql-js answers, owners shown as the resolvers show them; callers the rules refuse are refused by graphql-js', async () => {
  const s = setup();
  const north = { crewID: 'north', crewGroup: 'crew-north' };
  s.store.put('Site', record({ id: 's1', name: 'North', ...north }));
  s.store.put('Job', job('j1', 's1', north));
  s.store.put('Job', job('j2', 's1'));
  const viewer = await both(s, SYNC, { limit: 10, lastSync: 0 }, member('Viewer'));
  assert.ok(viewer.fast, "Viewer's sync page takes the compiled path");
  assert.equal(viewer.fast, viewer.slow);
  // No static rule admits Crew: the rules' filter narrows the page to the member's crews.
  const northMember: Caller = {
    authMode: 'AMAZON_COGNITO_USER_POOLS',
    sub: 'sub-ana',
    username: 'ana@crew.test',
    groups: ['Crew', 'crew-north'],
  };
  const crew = await both(s, SYNC, { limit: 10, lastSync: 0 }, northMember);
  const ids = (JSON.parse(crew.slow) as { data: { syncJobs: { items: { id: string }[] } } }).data.syncJobs.items;
  assert.deepEqual(
    ids.map((item) => item.id),
    ['j1'],
  );
  if (crew.fast !== undefined) assert.equal(crew.fast, crew.slow);

  s.store.put(
    'FieldNote',
    record({
      id: 'n1',
      jobID: 'j1',
      body: 'Pump',
      observedAt: '2026-01-01T00:00:00.000Z',
      owner: 'sub-ana::ana@crew.test',
      ...north,
    }),
  );
  const notes = await both(
    s,
    `query { syncFieldNotes(limit: 10) { items { id owner job { id } } nextToken } }`,
    {},
    northMember,
  );
  assert.match(notes.slow, /"owner":"ana@crew.test"/);
  if (notes.fast !== undefined) assert.equal(notes.fast, notes.slow);

  // The crew rules read jobs through any group a token has (filtered by the job's crewGroup), so
  // only a caller in no group at all is refused before any record is read.
  const noGroup: Caller = { authMode: 'AMAZON_COGNITO_USER_POOLS', sub: 'sub-nobody', username: 'nobody', groups: [] };
  for (const refused of [{ authMode: 'API_KEY' } as const, noGroup]) {
    const page = await both(s, SYNC, { limit: 10, lastSync: 0 }, refused);
    assert.equal(page.fast, undefined, refused.authMode);
    assert.match(page.slow, /Not Authorized to access syncJobs on type Query/, refused.authMode);
  }
});

test('aliases and __typename come out in selection order', async () => {
  const s = setup();
  s.store.put('Job', job('j1', 's1'));
  const query = `query { listJobs { items { __typename name: title id siteID } nextToken } }`;
  const result = await both(s, query, {});
  assert.ok(result.fast);
  assert.equal(result.fast, result.slow);
});

test('falls back to graphql-js for values it would coerce or reject, and for errors', async () => {
  const s = setup();
  s.store.put('Job', job('j1', 's1', { title: 42 }));
  const coerced = await both(s, SYNC, { limit: 10 });
  assert.equal(coerced.fast, undefined, 'a number in a String field is left to graphql-js');

  const s2 = setup();
  s2.store.put('Job', job('j1', 's1', { status: 'NOT_A_STATUS' }));
  assert.equal((await both(s2, SYNC, { limit: 10 })).fast, undefined, 'an unknown enum value is left to graphql-js');

  const s3 = setup();
  s3.store.put('Job', job('j1', 's1', { title: null }));
  assert.equal(
    (await both(s3, SYNC, { limit: 10 })).fast,
    undefined,
    'a null in a non-null field is left to graphql-js',
  );

  assert.equal((await both(s3, SYNC, { limit: 50_000 })).fast, undefined, 'a resolver error is left to graphql-js');
  assert.equal((await both(s3, SYNC, { limit: 10, nextToken: 'bogus' })).fast, undefined);
});

test('queries outside the compiled shape are left to graphql-js', async () => {
  const s = setup();
  s.store.put('Site', record({ id: 's1', name: 'North' }));
  const withChildren = await both(s, `query { listSites { items { id jobs { items { id } } } } }`, {});
  assert.equal(withChildren.fast, undefined);
  const withDirective = await both(s, `query { listSites { items { id name @include(if: true) } } }`, {});
  assert.equal(withDirective.fast, undefined);
  const get = await both(s, `query { getSite(id: "s1") { id name } }`, {});
  assert.equal(get.fast, undefined);
});
