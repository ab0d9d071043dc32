import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { getNamedType, isInputObjectType } from 'graphql';

import { transformSdl, transformWithResolvers } from '../../../scripts/transform.ts';
import { CREW_SCHEMA, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY } from '../../test/crew-schema.ts';
import { FIELD_VALUES, LIST_VALUES, OWNER_SCHEMA } from '../../test/owner-schema.ts';
import { resolverDecision } from '../../test/resolver-oracle.ts';
import { runTemplate } from '../../test/vtl.ts';
import { readSchema, readTransformedSchema } from '../amplify-project.ts';
import { AppSyncError } from '../graphql/errors.ts';
import { buildAppSyncSchema } from '../schema/build-schema.ts';
import { describeModels } from '../schema/model-info.ts';
import { readApiAuthModes } from './auth-modes.ts';
import type { Caller } from './caller.ts';
import { modelAuthorizer, type RootType } from './model-authorizer.ts';
import { readModelAuthRules, type RecordRule } from './model-rules.ts';

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

/** An API-key API's models, as a project without accounts writes them. */
const PUBLIC_SCHEMA = `
  type Job @model @auth(rules: [{ allow: public }]) { id: ID! title: String }
  type Site @model @auth(rules: [{ allow: public }]) { id: ID! name: String }
  type FieldNote @model @auth(rules: [{ allow: public }]) { id: ID! body: String }
`;

describe('`allow: public` rules on an API-key API', () => {
  const schema = buildAppSyncSchema(transformSdl(PUBLIC_SCHEMA, CREW_SCHEMA_CONFLICTS));
  const authorizer = modelAuthorizer(
    describeModels(schema, PUBLIC_SCHEMA),
    readModelAuthRules(PUBLIC_SCHEMA),
    'API_KEY',
  );

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
});

describe("this project's @auth rules", () => {
  const schema = buildAppSyncSchema(readTransformedSchema());
  const models = describeModels(schema, readSchema());
  const authorizer = modelAuthorizer(models, readModelAuthRules(readSchema()), readApiAuthModes().defaultMode);

  it('let Office do everything, Crew what the permission table gives it, Viewer read, and the API key nothing', () => {
    const decisions = (type: RootType, field: string) =>
      Object.fromEntries(
        Object.entries(CALLERS).map(([name, caller]) => [name, authorizer.refusal(caller, type, field) === null]),
      );
    const none = { 'API key': false, 'no group': false };
    const groups = { ...none, Office: true, Crew: true, Viewer: true };

    assert.deepEqual(decisions('Query', 'syncJobs'), groups);
    // The crew rule decides on the stored job's crewGroup: every signed-in caller reaches that check,
    // as in the compiled resolver (its decision comes after the record is loaded).
    assert.deepEqual(decisions('Mutation', 'updateJob'), { ...groups, 'no group': true });
    assert.deepEqual(decisions('Mutation', 'deleteSite'), { ...none, Office: true, Crew: false, Viewer: false });
    // The owner rule admits any signed-in user, in a group or not, to write notes of their own; it
    // gives no reads, so following notes live takes a group's.
    assert.deepEqual(decisions('Mutation', 'createFieldNote'), { ...groups, 'no group': true });
    // A crew rule lets every signed-in caller on to the subscription's own check, which refuses one
    // whose token has no group to filter events by, as the compiled resolver does.
    assert.deepEqual(decisions('Subscription', 'onCreateFieldNote'), { ...groups, 'no group': true });
    const args = { filter: null, ownerArguments: {} };
    assert.ok(authorizer.subscriptionScope(CALLERS['no group']!, 'onCreateFieldNote', args) instanceof AppSyncError);
    // No static rule admits Crew: a crew member follows only the notes of the crews in their token's groups.
    assert.deepEqual(authorizer.subscriptionScope(CALLERS['Crew']!, 'onCreateFieldNote', args), {
      filter: { or: [{ crewGroup: { in: ['Crew'] } }] },
    });
    assert.deepEqual(authorizer.subscriptionScope(CALLERS['Office']!, 'onCreateFieldNote', args), { filter: null });
  });

  it('refuse to serve rules the server cannot enforce, rather than leave a model or a field open', () => {
    assert.throws(
      () => readModelAuthRules('type Note @model { id: ID! text: String @auth(rules: [{ allow: owner }]) }'),
      /Note\.text: field-level @auth rules are not supported/,
    );
    assert.throws(
      () => readModelAuthRules('type Note @model @auth(rules: [{ allow: custom }]) { id: ID! }'),
      /Note: @auth rule allow: custom is not supported/,
    );
    assert.throws(
      () => readModelAuthRules('type Note @model @auth(rules: [{ allow: owner, provider: oidc }]) { id: ID! }'),
      /Note: @auth rule allow: owner with provider: oidc is not supported/,
    );
  });
});

/**
 * Runs the compiled auth resolvers of `sourceSdl` (a small Velocity interpreter, test/vtl.ts) for
 * many callers, inputs and stored records, and compares each decision with the server's.
 */
function compareWithCompiledResolvers(title: string, sourceSdl: string, expectedDecisions: number) {
  describe(title, () => {
    const { sdl, resolvers } = transformWithResolvers(
      sourceSdl,
      CREW_SCHEMA_CONFLICTS,
      USER_POOLS_WITH_API_KEY as never,
    );
    const schema = buildAppSyncSchema(sdl);
    const rules = readModelAuthRules(sourceSdl);
    const authorizer = modelAuthorizer(describeModels(schema, sourceSdl), rules, 'AMAZON_COGNITO_USER_POOLS');
    const user = (name: string, ...groups: string[]): Caller => ({
      authMode: 'AMAZON_COGNITO_USER_POOLS',
      sub: `sub-${name}`,
      username: `${name}@crew.test`,
      groups,
    });
    const callers: Record<string, Caller> = {
      'API key': { authMode: 'API_KEY' },
      ana: user('ana', 'Crew'),
      ben: user('ben', 'Crew'),
      Office: user('olga', 'Office'),
      Viewer: user('vic', 'Viewer'),
      'no group': user('nia'),
    };
    const recordFields = (model: string) => [
      ...new Map(
        (rules.get(model) ?? [])
          .filter((rule): rule is RecordRule => rule.allow === 'owner' || rule.allow === 'groupsField')
          .map((rule) => [rule.field, rule.list]),
      ),
    ];
    /** Every combination of the sample values of the model's owner and group fields. */
    const samples = (model: string) =>
      recordFields(model).reduce<Record<string, unknown>[]>(
        (records, [field, list]) =>
          records.flatMap((record) =>
            (list ? LIST_VALUES : FIELD_VALUES).map((value) => ({ ...record, [field]: value })),
          ),
        [{ id: 'r1', text: 'stored' }],
      );
    /** An input with each owner or group field absent, null or one of the sample values, one at a time. */
    const inputs = (model: string) => [
      { id: 'r1', text: 'new' },
      ...recordFields(model).flatMap(([field, list]) =>
        (list ? LIST_VALUES : FIELD_VALUES).map((value) => ({ id: 'r1', text: 'new', [field]: value })),
      ),
    ];
    const fieldsOf = (type: 'Query' | 'Mutation' | 'Subscription') => {
      const root =
        type === 'Query'
          ? schema.getQueryType()
          : type === 'Mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      return Object.values(root?.getFields() ?? {}).map((field) => ({
        name: field.name,
        model: getNamedType(field.type).name.replace(/^Model(\w+)Connection$/, '$1'),
        args: field.args.map((arg) => arg.name),
      }));
    };
    const refusedBy = (run: () => unknown) => {
      try {
        run();
        return false;
      } catch (error) {
        if (error instanceof AppSyncError && error.errorType === 'Unauthorized') return true;
        throw error;
      }
    };
    let compared = 0;

    it("reads: the same refusals and the same filter of the caller's records (get, list, sync)", () => {
      for (const field of fieldsOf('Query')) {
        const template = resolvers.get(`resolvers/Query.${field.name}.auth.1.req.vtl`);
        const operation = /^(get|list|sync)/.exec(field.name)?.[1] as 'get' | 'list' | 'sync' | undefined;
        if (!template || !operation) continue;
        for (const [name, caller] of Object.entries(callers)) {
          const stash: Record<string, unknown> = {};
          const refused: boolean = resolverDecision(template, caller, { args: {}, stash }) !== null;
          const where = `${name} on Query.${field.name}`;
          assert.equal(authorizer.refusal(caller, 'Query', field.name) !== null, refused, where);
          if (!refused)
            assert.deepEqual(authorizer.readScope(caller, field.model, operation), stash['authFilter'] ?? null, where);
          compared++;
        }
      }
    });

    it('creates: the same refusals, and owner fields filled in as the resolvers fill them', () => {
      for (const field of fieldsOf('Mutation').filter((f) => f.name.startsWith('create'))) {
        const template = resolvers.get(`resolvers/Mutation.${field.name}.auth.1.req.vtl`) ?? '';
        for (const input of inputs(field.model)) {
          for (const [name, caller] of Object.entries(callers)) {
            const completed = structuredClone(input);
            const refused = resolverDecision(template, caller, { args: { input: completed } }) !== null;
            let admitted: Record<string, unknown> | undefined;
            const refusedHere =
              authorizer.refusal(caller, 'Mutation', field.name) !== null ||
              refusedBy(() => (admitted = authorizer.admitCreate(caller, field.name, input)));
            const where = `${name} on Mutation.${field.name} with ${JSON.stringify(input)}`;
            assert.equal(refusedHere, refused, where);
            if (!refused) assert.deepEqual(admitted, completed, where);
            compared++;
          }
        }
      }
    });

    it('updates and deletes: the same decision on every stored record, and on none', () => {
      for (const field of fieldsOf('Mutation').filter((f) => /^(update|delete)/.test(f.name))) {
        const template = resolvers.get(`resolvers/Mutation.${field.name}.auth.1.res.vtl`) ?? '';
        const inputType = schema.getType(`Update${field.model}Input`);
        const contentField = isInputObjectType(inputType) ? (Object.keys(inputType.getFields())[1] ?? '') : '';
        for (const stored of [...samples(field.model), undefined]) {
          for (const [name, caller] of Object.entries(callers)) {
            // A change of a field, and one clearing it: callers without `delete` may not clear fields.
            for (const input of [
              { id: 'r1', [contentField]: 'changed', _version: 1 },
              { id: 'r1', [contentField]: null, _version: 1 },
            ]) {
              const refusal = resolverDecision(template, caller, { args: { input }, result: stored ?? null });
              let refusalHere: string | null = authorizer.refusal(caller, 'Mutation', field.name)?.message ?? null;
              try {
                if (!refusalHere) authorizer.admitChange(caller, field.name, stored, input);
              } catch (error) {
                if (!(error instanceof AppSyncError) || error.errorType !== 'Unauthorized') throw error;
                refusalHere = error.message;
              }
              const where = `${name} on Mutation.${field.name}(${JSON.stringify(input)}) of ${JSON.stringify(stored)}`;
              assert.equal(refusalHere !== null, refusal !== null, where);
              // $util.unauthorized() is AppSync's 'Not Authorized to access ...'; $util.error keeps its words.
              if (refusal && refusal.message !== 'Unauthorized') assert.equal(refusalHere, refusal.message, where);
              compared++;
            }
          }
        }
      }
    });

    it('subscriptions: the same refusals of owner arguments and the same event filter', () => {
      for (const field of fieldsOf('Subscription')) {
        const template = resolvers.get(`resolvers/Subscription.${field.name}.auth.1.req.vtl`) ?? '';
        const ownerArguments = field.args.filter((arg) => arg !== 'filter');
        for (const [name, caller] of Object.entries(callers)) {
          const own =
            caller.authMode === 'API_KEY' ? [] : [caller.username, caller.sub, `${caller.sub}::${caller.username}`];
          const owners = [undefined, ...own, 'ben@crew.test'];
          for (const owner of owners) {
            for (const filter of [undefined, { text: { eq: 'x' } }]) {
              const args: Record<string, unknown> = {
                ...(filter ? { filter } : {}),
                ...Object.fromEntries(ownerArguments.map((arg) => [arg, owner])),
              };
              const vtlArgs = structuredClone(args);
              const refused = resolverDecision(template, caller, { args: vtlArgs }) !== null;
              const scope = authorizer.subscriptionScope(caller, field.name, {
                filter: filter ?? null,
                ownerArguments: Object.fromEntries(ownerArguments.map((arg) => [arg, owner])),
              });
              const where = `${name} on Subscription.${field.name}(${JSON.stringify(args)})`;
              assert.equal(scope instanceof AppSyncError, refused, where);
              if (!(scope instanceof AppSyncError)) assert.deepEqual(scope.filter, vtlArgs['filter'] ?? null, where);
              compared++;
            }
          }
        }
      }
    });

    it('show owners as the field resolvers do: the username of `sub::username`, other claims unchanged', () => {
      for (const model of rules.keys()) {
        const parsed = [...recordFields(model)].flatMap(([field]) => {
          const template = resolvers.get(`resolvers/${model}.${field}.res.vtl`);
          return template ? [[field, template] as const] : [];
        });
        assert.deepEqual(
          [...authorizer.displayedFields(model)],
          parsed.map(([field]) => field),
          model,
        );
        for (const record of samples(model)) {
          const shown = authorizer.displayed(model, record);
          for (const [field, template] of parsed) {
            const output = runTemplate(
              template,
              { args: {}, source: structuredClone(record), identity: null, stash: {} },
              'User Pool Authorization',
            );
            assert.deepEqual(
              shown[field],
              JSON.parse(output ?? 'null'),
              `${model}.${field} of ${JSON.stringify(record[field])}`,
            );
            compared++;
          }
        }
      }
    });

    it('compared every decision it was meant to', () => {
      assert.equal(compared, expectedDecisions);
    });
  });
}

// 6 models × 6 callers: reads, creates by input, changes by stored record and input, subscriptions by argument.
compareWithCompiledResolvers(
  "owner and dynamic group rules as the transformer's resolvers apply them",
  OWNER_SCHEMA,
  4619,
);
compareWithCompiledResolvers('static rules, with the fields a role without delete may not clear', CREW_SCHEMA, 702);
