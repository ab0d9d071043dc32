/**
 * Crew scope as ARCHITECTURE.md's "Crews" has it: every record carries `crewID` (on an `@index`, the
 * key of sync expressions) and `crewGroup` (the Cognito group the dynamic group rules compare);
 * Office reads and writes everything, Viewer reads everything, a crew's members read its records and
 * work its jobs and history, notes keep their owner rules.
 */
const SCOPE = 'crewID: ID @index(name: "byCrew") crewGroup: String';
const READ_IN_CREW = `{ allow: groups, groups: ["Office"] }
  { allow: groups, groups: ["Viewer"], operations: [read] }
  { allow: groups, groupsField: "crewGroup", operations: [read] }`;

export const CREW_SCOPE_SCHEMA = /* GraphQL */ `
  type Crew @model @auth(rules: [${READ_IN_CREW}]) { id: ID! name: String! ${SCOPE} }
  type Site @model @auth(rules: [${READ_IN_CREW}]) {
    id: ID!
    name: String!
    ${SCOPE}
    jobs: [Job] @hasMany(indexName: "bySite", fields: ["id"])
  }
  type Job @model @auth(rules: [
    { allow: groups, groups: ["Office"] }
    { allow: groups, groupsField: "crewGroup", operations: [create, update, read] }
    { allow: groups, groups: ["Viewer"], operations: [read] }
  ]) {
    id: ID!
    siteID: ID! @index(name: "bySite")
    site: Site @belongsTo(fields: ["siteID"])
    title: String!
    ${SCOPE}
  }
  type FieldNote @model @auth(rules: [
    ${READ_IN_CREW}
    { allow: owner, operations: [create, update, delete] }
  ]) { id: ID! jobID: ID! @index(name: "byJob") body: String! ${SCOPE} }
`;
