/**
 * A schema with every kind of owner and dynamic group rule the server applies: the default owner
 * (`sub::username`) beside static groups, an owner field by `sub` with listed operations beside
 * `private` reads, a list of owners beside public reads, groups named by each record (a list, and a
 * single field beside an owner by username), and an owner by a claim access tokens do not carry.
 */
/** Field notes that belong to their author: the Office reads and changes all, a Viewer reads. */
export const NOTES_SCHEMA = `
  type Note @model @auth(rules: [
    { allow: owner }
    { allow: groups, groups: ["Office"] }
    { allow: groups, groups: ["Viewer"], operations: [read] }
  ]) { id: ID! text: String }
`;

export const OWNER_SCHEMA = `${NOTES_SCHEMA}
  type Photo @model @auth(rules: [
    { allow: owner, ownerField: "author", identityClaim: "sub", operations: [create, read, update] }
    { allow: private, operations: [read] }
  ]) { id: ID! caption: String author: String }
  type Checklist @model @auth(rules: [
    { allow: owner, ownerField: "editors" }
    { allow: public, operations: [read] }
  ]) { id: ID! title: String editors: [String] }
  type Board @model @auth(rules: [{ allow: groups, groupsField: "readers" }]) { id: ID! body: String readers: [String] }
  type Roster @model @auth(rules: [
    { allow: groups, groupsField: "team", operations: [read, update] }
    { allow: owner, identityClaim: "username" }
  ]) { id: ID! body: String team: String }
  type Legacy @model @auth(rules: [{ allow: owner, identityClaim: "cognito:username" }]) { id: ID! body: String }
`;

/** The values a single owner or group field takes in the comparisons: ana's identity in each form, ben's, groups. */
export const FIELD_VALUES: readonly unknown[] = [
  null,
  'sub-ana::ana@crew.test',
  'sub-ana',
  'ana@crew.test',
  'sub-ben::ben@crew.test',
  'ben@crew.test',
  'Crew',
  'Office',
  'Viewer',
];

/** The values a list field takes: empty, ana among others, ben alone, groups. */
export const LIST_VALUES: readonly unknown[] = [
  null,
  [],
  ['sub-ana::ana@crew.test'],
  ['sub-ben::ben@crew.test', 'ana@crew.test'],
  ['sub-ana'],
  ['sub-ben::ben@crew.test'],
  ['Crew'],
  ['Office', 'Viewer'],
];
