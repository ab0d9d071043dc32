import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { transformWithResolvers } from '../../../scripts/transform.ts';
import { CREW_SCHEMA, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY } from '../../test/crew-schema.ts';
import { readSchema, readTransformedSchema } from '../amplify-project.ts';
import { buildAppSyncSchema } from '../schema/build-schema.ts';
import { describeModels } from '../schema/model-info.ts';
import type { AuthMode } from './auth-modes.ts';
import type { Caller } from './caller.ts';
import { modelAuthorizer, type RootType } from './model-authorizer.ts';
import { readModelAuthRules } from './model-rules.ts';

const member = (...groups: string[]): Caller => ({
  authMode: 'AMAZON_COGNITO_USER_POOLS',
  sub: 'sub-1',
  username: 'someone@crew.test',
  groups,
});
const CALLERS: Record<string, Caller> = {
  'API key': { authMode: 'API_KEY' },
  Office: member('Office'),
  Crew: member('Crew'),
  Viewer: member('Viewer'),
  'no group': member(),
};

/**
 * Reads the transformer's auth resolver the way AppSync runs it, for static rules: whether an API
 * key is let through, and which user-pool groups (or any signed-in user) are.
 */
function templateAdmits(template: string, caller: Caller): boolean {
  const apiKey = /"API Key Authorization" \)\s*#set\( \$isAuthorized = true \)/.test(template);
  if (caller.authMode === 'API_KEY') return apiKey;
  const userPool = template.split('"User Pool Authorization" )')[1] ?? '';
  if (/^\s*#set\( \$isAuthorized = true \)/.test(userPool)) return true;
  const roles = /#set\( \$staticGroupRoles = (\[.*?\]) \)/.exec(userPool)?.[1];
  const groups = roles ? (JSON.parse(roles) as { entity: string }[]).map((role) => role.entity) : [];
  return groups.some((group) => caller.groups.includes(group));
}

/** The template that decides: for update and delete, the one run after the stored record is loaded. */
function authTemplate(resolvers: Map<string, string>, type: RootType, field: string): string | undefined {
  const after = resolvers.get(`resolvers/${type}.${field}.auth.1.res.vtl`);
  return after ?? resolvers.get(`resolvers/${type}.${field}.auth.1.req.vtl`);
}

describe("@auth as the transformer's resolvers enforce it", () => {
  const { sdl, resolvers } = transformWithResolvers(
    CREW_SCHEMA,
    CREW_SCHEMA_CONFLICTS,
    USER_POOLS_WITH_API_KEY as never,
  );
  const schema = buildAppSyncSchema(sdl);
  const models = describeModels(schema, CREW_SCHEMA);
  const authorizer = modelAuthorizer(models, readModelAuthRules(CREW_SCHEMA), 'AMAZON_COGNITO_USER_POOLS');
  const roots: [RootType, string][] = [
    ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((field): [RootType, string] => ['Query', field]),
    ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((field): [RootType, string] => ['Mutation', field]),
    ...Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).map((f): [RootType, string] => ['Subscription', f]),
  ];

  it('decides every model operation for every kind of caller as the compiled resolvers do', () => {
    let compared = 0;
    for (const [type, field] of roots) {
      const template = authTemplate(resolvers, type, field);
      if (!template) continue;
      for (const [name, caller] of Object.entries(CALLERS)) {
        const expected = templateAdmits(template, caller);
        const allowed = authorizer.refusal(caller, type, field) === null;
        assert.equal(allowed, expected, `${name} on ${type}.${field}`);
        compared++;
      }
    }
    // Three models, each with get, list, sync, create, update, delete and three subscriptions, plus jobsBySite.
    assert.equal(compared, (3 * 9 + 1) * Object.keys(CALLERS).length);
  });

  it("refuses in AppSync's words", () => {
    const refusal = authorizer.refusal(CALLERS['Crew']!, 'Mutation', 'deleteJob');

    assert.equal(refusal?.errorType, 'Unauthorized');
    assert.equal(refusal?.message, 'Not Authorized to access deleteJob on type Mutation');
  });
});

describe("this project's @auth rules", () => {
  const schema = buildAppSyncSchema(readTransformedSchema());
  const models = describeModels(schema, readSchema());
  const defaultMode: AuthMode = 'API_KEY';
  const authorizer = modelAuthorizer(models, readModelAuthRules(readSchema()), defaultMode);

  it('let the API key do everything and a user-pool caller nothing, as `allow: public` says', () => {
    for (const [type, field] of [
      ['Query', 'syncJobs'],
      ['Mutation', 'deleteSite'],
      ['Subscription', 'onCreateFieldNote'],
    ] as const) {
      assert.equal(authorizer.refusal(CALLERS['API key']!, type, field), null, field);
      assert.equal(authorizer.refusal(CALLERS['Office']!, type, field)?.errorType, 'Unauthorized', field);
    }
  });

  it('refuse to serve rules the server cannot enforce yet, rather than leave a model open', () => {
    assert.throws(
      () => readModelAuthRules('type Note @model @auth(rules: [{ allow: owner }]) { id: ID! }'),
      /Note: @auth rule allow: owner is not supported/,
    );
  });
});
