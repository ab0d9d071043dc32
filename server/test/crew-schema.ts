import type { ApiAuthModes } from '../src/auth/auth-modes.ts';

/**
 * A schema with the permission table of crews (Office everything, Crew works jobs, Viewer reads)
 * on an API whose default mode is the user pool, with an API key beside it for public reads.
 */
export const CREW_SCHEMA = `
  type Site @model @auth(rules: [
    { allow: groups, groups: ["Office"] }
    { allow: groups, groups: ["Crew", "Viewer"], operations: [read] }
  ]) { id: ID! name: String! jobs: [Job] @hasMany(indexName: "bySite", fields: ["id"]) }
  type Job @model @auth(rules: [
    { allow: groups, groups: ["Office"] }
    { allow: groups, groups: ["Crew"], operations: [create, update, read] }
    { allow: groups, groups: ["Viewer"], operations: [read] }
    { allow: public, operations: [read] }
  ]) {
    id: ID!
    siteID: ID! @index(name: "bySite")
    title: String!
    site: Site @belongsTo(fields: ["siteID"])
  }
  type Memo @model @auth(rules: [{ allow: private }]) { id: ID! text: String }
`;

export const CREW_SCHEMA_CONFLICTS = { defaultStrategy: { type: 'AUTOMERGE' as const }, perModel: {} };

/** The transformer's input for such an API, as `amplify update api` records it. */
export const USER_POOLS_WITH_API_KEY = {
  defaultAuthentication: { authenticationType: 'AMAZON_COGNITO_USER_POOLS', userPoolConfig: { userPoolId: 'local_x' } },
  additionalAuthenticationProviders: [{ authenticationType: 'API_KEY', apiKeyConfig: { apiKeyExpirationDays: 7 } }],
} as const;

/** The same modes as the server reads them from cli-inputs.json. */
export const CREW_AUTH_MODES: ApiAuthModes = {
  defaultMode: 'AMAZON_COGNITO_USER_POOLS',
  modes: new Set(['AMAZON_COGNITO_USER_POOLS', 'API_KEY']),
};
