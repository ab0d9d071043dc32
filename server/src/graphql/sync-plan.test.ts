import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { transformWithResolvers } from '../../../scripts/transform.ts';
import { CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY } from '../../test/crew-schema.ts';
import { accessTokenClaims } from '../../test/resolver-oracle.ts';
import { runTemplate, VtlError } from '../../test/vtl.ts';
import { readSchema } from '../amplify-project.ts';
import type { Caller } from '../auth/caller.ts';
import { modelAuthorizer } from '../auth/model-authorizer.ts';
import { readModelAuthRules } from '../auth/model-rules.ts';
import { buildAppSyncSchema } from '../schema/build-schema.ts';
import { describeModels } from '../schema/model-info.ts';
import type { Filter } from './filter.ts';
import { DELTA_WINDOW_MS, syncRead } from './sync-plan.ts';

/** Groups named by the indexed field itself, and owners by an indexed field: the resolver's two other cases. */
const INDEXED_AUTH_FIELDS = /* GraphQL */ `
  type Board @model @auth(rules: [{ allow: groups, groupsField: "team" }]) {
    id: ID!
    team: String @index(name: "byTeam")
    title: String
  }
  type Memo @model @auth(rules: [{ allow: owner }]) {
    id: ID!
    owner: String @index(name: "byOwner")
    text: String
  }
`;

const user = (name: string, ...groups: string[]): Caller => ({
  authMode: 'AMAZON_COGNITO_USER_POOLS',
  sub: `sub-${name}`,
  username: `${name}@crew.test`,
  groups,
});
const CALLERS: Caller[] = [
  user('olga', 'Office'),
  user('vic', 'Viewer'),
  user('ana', 'Crew', 'crew-north'),
  user('cai', 'Crew', 'crew-north', 'crew-south'),
  user('tia', 't1'),
  user('nia'),
];

/**
 * Runs a model's compiled sync resolvers (the index's `preAuth`, the `auth` step and the request
 * template) as AppSync's pipeline does, and says whether the request is a Query or a Scan; undefined
 * when the auth step refuses the caller.
 */
function compiledRead(
  resolvers: Map<string, string>,
  field: string,
  caller: Caller,
  args: Record<string, unknown>,
  now: number,
) {
  const template = (step: string) => resolvers.get(`resolvers/Query.${field}.${step}.req.vtl`) ?? '';
  const claims = accessTokenClaims(caller);
  // The pipeline's stash as the transformer's resolver sets it up: the delta table's TTL in minutes.
  const ctx = { args: structuredClone(args), stash: { deltaSyncTableTtl: 30 }, identity: claims ? { claims } : null };
  const run = (step: string) => runTemplate(template(step), ctx, 'User Pool Authorization', now);
  run('preAuth.1');
  try {
    run('auth.1');
  } catch (error) {
    if (error instanceof VtlError) return undefined;
    throw error;
  }
  const request = JSON.parse(
    runTemplate(resolvers.get(`resolvers/Query.${field}.req.vtl`) ?? '', ctx, 'User Pool Authorization', now) ?? 'null',
  ) as { query?: unknown; index?: string } | null;
  return request?.query ? 'query' : 'scan';
}

function compare(title: string, sourceSdl: string, cases: { model: string; filters: Filter[] }[], expected: number) {
  describe(title, () => {
    const { sdl, resolvers } = transformWithResolvers(
      sourceSdl,
      CREW_SCHEMA_CONFLICTS,
      USER_POOLS_WITH_API_KEY as never,
    );
    const models = describeModels(buildAppSyncSchema(sdl), sourceSdl);
    const authorizer = modelAuthorizer(models, readModelAuthRules(sourceSdl), 'AMAZON_COGNITO_USER_POOLS');
    const now = Date.parse('2026-12-07T10:00:00Z');

    it('makes every sync a Query or a Scan as the compiled resolvers make it', () => {
      let compared = 0;
      const seen = new Map<string | undefined, number>();
      for (const { model, filters } of cases) {
        for (const caller of CALLERS) {
          for (const filter of [null, ...filters]) {
            for (const lastSync of [null, 0, now - DELTA_WINDOW_MS / 30, now - 4 * DELTA_WINDOW_MS]) {
              const args = { filter, lastSync, limit: 100 };
              const field = `sync${models.get(model)?.plural ?? ''}`;
              const expectedRead = compiledRead(resolvers, field, caller, args, now);
              seen.set(expectedRead, (seen.get(expectedRead) ?? 0) + 1);
              const scope = authorizer.readScope(caller, model, 'sync');
              const where = `${JSON.stringify(caller)} on ${field}(${JSON.stringify(args)})`;
              assert.equal(scope === undefined, expectedRead === undefined, where);
              if (scope !== undefined)
                assert.equal(syncRead(models.get(model)!, args, scope, now).kind, expectedRead, where);
              compared++;
            }
          }
        }
      }
      assert.equal(compared, expected);
      // Both answers, and refusals, among the cases: none of them is decided by default.
      assert.deepEqual([...seen.keys()].sort(), ['query', 'scan', undefined]);
    });
  });
}

const north = { crewID: { eq: 'north' } };
compare(
  "amplify/'s models, Crew users confined to their crews",
  readSchema(),
  [
    {
      model: 'Job',
      filters: [
        { and: [north] },
        { and: [north, { status: { eq: 'OPEN' } }] },
        { and: [{ siteID: { eq: 'n1' } }] },
        { and: [{ status: { eq: 'OPEN' } }, north] },
        { and: [{ ...north, title: { eq: 'x' } }] },
        { and: [{ crewID: { ne: 'north' } }] },
        { or: [north, { crewID: { eq: 'south' } }] },
        north,
      ],
    },
    {
      model: 'ChangeLogEntry',
      filters: [{ and: [{ recordID: { eq: 'j1' } }, { savedAt: { gt: '2026' } }] }, { and: [north] }],
    },
    { model: 'Crew', filters: [{ and: [north] }] },
  ],
  (9 + 3 + 2) * CALLERS.length * 4,
);
compare(
  'dynamic groups and owners on the indexed field itself',
  INDEXED_AUTH_FIELDS,
  [
    { model: 'Board', filters: [{ and: [{ team: { eq: 't1' } }] }, { and: [{ team: { eq: 'crew-north' } }] }] },
    {
      model: 'Memo',
      filters: [
        { and: [{ owner: { eq: 'sub-ana::ana@crew.test' } }] },
        { and: [{ owner: { eq: 'ana@crew.test' } }] },
        { and: [{ owner: { eq: 'sub-ben::ben@crew.test' } }] },
      ],
    },
  ],
  (3 + 4) * CALLERS.length * 4,
);
