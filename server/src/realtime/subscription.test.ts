import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { GraphQLFieldResolver } from 'graphql';

import { readTransformedSchema } from '../amplify-project.ts';
import { parseDocument } from '../graphql/execute-request.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { buildAppSyncSchema } from '../schema/build-schema.ts';
import type { ChangeEvent } from '../store/change-event.ts';
import { EventRenderer, prepareSubscription, renderEvent, type Subscription } from './subscription.ts';

const schema = buildAppSyncSchema(readTransformedSchema());
const QUERY = `subscription operation($filter: ModelSubscriptionJobFilterInput) {
  onUpdateJob(filter: $filter) { id title status _version _deleted } }`;

function subscribe(variables: Record<string, unknown>): Subscription {
  const document = parseDocument(schema, QUERY, DEFAULT_LIMITS);
  assert.ok(!Array.isArray(document));
  const subscription = prepareSubscription(schema, document, variables);
  assert.ok(typeof subscription !== 'string', String(subscription));
  return subscription;
}

const event: ChangeEvent = {
  model: 'Job',
  mutation: 'updateJob',
  record: { id: 'j1', title: 'Pump', status: 'OPEN', _version: 2, _lastChangedAt: 1, _deleted: null },
};

test('an event is rendered once per distinct subscription, however many sockets hold it', () => {
  let resolved = 0;
  const resolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
    resolved++;
    return (source as Record<string, unknown>)[info.fieldName];
  };
  const renderer = new EventRenderer(schema, resolver, event);
  const all = Array.from({ length: 50 }, () => renderer.render(subscribe({})));
  const fieldsPerRendering = resolved;
  const open = renderer.render(subscribe({ filter: { status: { eq: 'OPEN' } } }));
  const done = renderer.render(subscribe({ filter: { status: { eq: 'DONE' } } }));

  assert.equal(fieldsPerRendering, 6, 'one rendering: the root field and its five fields');
  assert.equal(resolved, 12, 'the matching filter is a second rendering; the other never renders');
  assert.equal(done, undefined);
  const expected = JSON.stringify(renderEvent(schema, resolver, subscribe({}), event));
  assert.ok(all.every((json) => json === expected));
  assert.equal(open, expected);
});
