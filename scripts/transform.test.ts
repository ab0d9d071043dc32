import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GraphQLNonNull, type GraphQLObjectType, graphqlSync } from 'graphql';

import { readTransformedSchema } from '../server/src/amplify-project.ts';
import { readConflictSettings } from '../server/src/conflict/conflict-settings.ts';
import { buildAppSyncSchema } from '../server/src/schema/build-schema.ts';
import { resolverConfigFrom, transformSchema } from './transform.ts';

const models = [
  { name: 'Site', plural: 'Sites' },
  { name: 'Job', plural: 'Jobs' },
  { name: 'FieldNote', plural: 'FieldNotes' },
];

test('the transformer output builds with graphql-js and has the DataStore operations', { timeout: 60_000 }, () => {
  const schema = buildAppSyncSchema(transformSchema());
  const query = schema.getQueryType()!.getFields();
  const mutation = schema.getMutationType()!.getFields();
  const subscription = schema.getSubscriptionType()!.getFields();
  for (const { name, plural } of models) {
    const sync = query[`sync${plural}`];
    assert.ok(sync, `sync${plural}`);
    assert.deepEqual(sync.args.map((arg) => `${arg.name}:${String(arg.type)}`).sort(), [
      'filter:Model' + name + 'FilterInput',
      'lastSync:AWSTimestamp',
      'limit:Int',
      'nextToken:String',
    ]);
    for (const op of ['get', 'list']) assert.ok(query[`${op}${op === 'list' ? plural : name}`], `${op} ${name}`);
    for (const op of ['create', 'update', 'delete']) assert.ok(mutation[`${op}${name}`], `${op}${name}`);
    for (const op of ['onCreate', 'onUpdate', 'onDelete']) {
      const field = subscription[`${op}${name}`];
      assert.ok(field, `${op}${name}`);
      assert.ok(
        field.args.some((arg) => arg.name === 'filter'),
        `${op}${name}(filter)`,
      );
    }
    const type = schema.getType(name) as GraphQLObjectType;
    const fields = type.getFields();
    assert.equal(String(fields['_version']!.type), 'Int!');
    assert.ok(fields['_lastChangedAt']!.type instanceof GraphQLNonNull);
    assert.equal(String(fields['_deleted']!.type), 'Boolean');
    const connection = schema.getType(`Model${name}Connection`) as GraphQLObjectType;
    assert.equal(String(connection.getFields()['startedAt']!.type), 'AWSTimestamp');
  }
  // Millisecond timestamps do not fit a 32-bit Int: the scalar must accept them.
  const result = graphqlSync({
    schema,
    source: 'query($t: AWSTimestamp) { syncSites(lastSync: $t) { startedAt } }',
    variableValues: { t: 1_767_225_600_000 },
    rootValue: { syncSites: { items: [], startedAt: 1_767_225_600_000 } },
  });
  assert.deepEqual(result.errors, undefined);
});

test('conflict strategies come from cli-inputs.json', () => {
  const settings = readConflictSettings();
  assert.equal(settings.defaultStrategy.type, 'AUTOMERGE');
  assert.equal(settings.perModel['Site']?.type, 'OPTIMISTIC_CONCURRENCY');
  const config = resolverConfigFrom(settings);
  assert.deepEqual(config.models?.['Job'], {
    ConflictDetection: 'VERSION',
    ConflictHandler: 'LAMBDA',
    LambdaConflictHandler: { name: 'fieldbookJobConflictHandler-${env}' },
  });
  assert.deepEqual(config.project, { ConflictDetection: 'VERSION', ConflictHandler: 'AUTOMERGE' });
});

test(
  'the committed AppSync schema the server loads is what the transformer makes of amplify/ now',
  { timeout: 60_000 },
  () => {
    assert.equal(
      readTransformedSchema(),
      transformSchema(),
      'server/generated/appsync-schema.graphql is stale: run `npm run transform` and commit it',
    );
  },
);
