import assert from 'node:assert/strict';

import { transformSdl } from '../../scripts/transform.ts';
import { accessTokenOf, OFFICE } from '../../testing/crew-members.ts';
import { userPoolApi } from '../../testing/user-pool-project.ts';
import { readSchema } from '../src/amplify-project.ts';
import { CrewDirectory } from '../src/crews/crew-directory.ts';
import type { RunningServer } from '../src/server.ts';
import type { SqliteStore } from '../src/store/sqlite-store.ts';
import { CREW_AUTH_MODES, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY } from './crew-schema.ts';
import { gql, startTestServer } from './harness.ts';

/** A server on amplify/'s schema (Crew users confined to their crews), with an API key beside the user pool, seeded by `seed`. */
export function startCrewScopedServer(dbPath: string, seed: (store: SqliteStore) => void): Promise<RunningServer> {
  const schema = readSchema();
  return startTestServer(dbPath, {
    schemaSdl: transformSdl(schema, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY as never),
    sourceSdl: schema,
    conflicts: CREW_SCHEMA_CONFLICTS,
    authModes: CREW_AUTH_MODES,
    seed,
  });
}

/**
 * A server on amplify/'s schema and conflict settings as they deploy (Site optimistic concurrency),
 * on the user pool alone, with the crews North and South, then `seed`'s records.
 */
export function startNorthSouthServer(dbPath: string, seed: (store: SqliteStore) => void): Promise<RunningServer> {
  return startTestServer(dbPath, {
    ...userPoolApi(),
    seed: (store) => {
      const crews = new CrewDirectory(store);
      crews.create('North', 'north');
      crews.create('South', 'south');
      seed(store);
    },
  });
}

/**
 * GraphQL as the office (an access token from its SRP sign-in) on a crew server whose database is at
 * `dbPath`: what the office's desk does between the devices' steps. Fails on any error.
 */
export async function asOfficeOn(
  server: RunningServer,
  dbPath: string,
  query: string,
): Promise<Record<string, unknown>> {
  const token = await accessTokenOf({ url: server.url.replace(/\/$/, ''), dbPath }, OFFICE);
  const { body } = await gql(server.port, query, {}, { authorization: token });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}
