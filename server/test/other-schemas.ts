import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateModelFiles } from '../../scripts/codegen.ts';
import { transformSdl } from '../../scripts/transform.ts';
import { repositoryRoot } from '../src/amplify-project.ts';
import type { ConflictSettings } from '../src/conflict/conflict-settings.ts';
import { argumentsHash } from '../src/graphql/page-limits.ts';
import type { RunningServer } from '../src/server.ts';
import { API_KEY_MODES, startTestServer } from './harness.ts';

/**
 * The server on schemas a team might write instead of Fieldbook's: custom primary keys with and
 * without sort keys, secondary indexes with a queryField, relations keyed by custom fields. Each
 * schema goes through the same transformer `amplify push` uses.
 */
export const OTHER_SCHEMA = /* GraphQL */ `
  type Note @model @auth(rules: [{ allow: public }]) {
    noteId: ID! @primaryKey
    body: String
    priority: Int @index(name: "byPriority", queryField: "notesByPriority", sortKeyFields: ["body"])
  }

  type Reading @model @auth(rules: [{ allow: public }]) {
    deviceId: ID! @primaryKey(sortKeyFields: ["takenAt", "seq"])
    takenAt: AWSDateTime!
    seq: Int!
    value: Float
    tags: [String]
  }

  type Crew @model @auth(rules: [{ allow: public }]) {
    crewCode: String! @primaryKey
    name: String
    members: [Member] @hasMany(indexName: "byCrew", fields: ["crewCode"])
  }

  type Member @model @auth(rules: [{ allow: public }]) {
    id: ID!
    crewCode: String! @index(name: "byCrew", sortKeyFields: ["name"])
    name: String!
    crew: Crew @belongsTo(fields: ["crewCode"])
  }
`;
export const OTHER_SCHEMA_CONFLICTS: ConflictSettings = {
  defaultStrategy: { type: 'AUTOMERGE' },
  perModel: { Note: { type: 'OPTIMISTIC_CONCURRENCY' } },
};

/** The server serving OTHER_SCHEMA, transformed as `amplify push` would, with no records. */
export function startOtherSchemaServer(dbPath: string): Promise<RunningServer> {
  return startTestServer(dbPath, {
    schemaSdl: transformSdl(OTHER_SCHEMA, OTHER_SCHEMA_CONFLICTS),
    sourceSdl: OTHER_SCHEMA,
    conflicts: OTHER_SCHEMA_CONFLICTS,
    authModes: API_KEY_MODES,
    seed: 'none',
  });
}

/**
 * DataStore's models for a schema (OTHER_SCHEMA unless given), generated as `npm run codegen` does,
 * in a folder from which they resolve the project's own @aws-amplify/datastore; returns the path of
 * their index.js.
 */
export async function writeOtherSchemaModels(schema = OTHER_SCHEMA): Promise<string> {
  const files = await generateModelFiles(schema);
  const directory = join(repositoryRoot, 'node_modules', '.cache', 'fieldbook-test-models', argumentsHash(schema));
  mkdirSync(directory, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
  return join(directory, 'index.js');
}
