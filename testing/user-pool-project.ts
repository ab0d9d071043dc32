import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { transformSdl } from '../scripts/transform.ts';
import { schemaPath } from '../server/src/amplify-project.ts';
import { readConfig } from '../server/src/config.ts';
import { readConflictSettings } from '../server/src/conflict/conflict-settings.ts';
import { crewGroupOf } from '../server/src/crews/crew-directory.ts';
import { type RunningServer, type StartOptions, startServer } from '../server/src/server.ts';
import type { Group } from '../server/src/user-pool/user-store.ts';
import { withPoolAdmin } from './crew-members.ts';

/**
 * Fieldbook's own models on an API whose default mode is the user pool, with the crews' permission
 * table as group rules: Office everything; Crew reads sites, works jobs (no deletes) and writes
 * notes, photos and history; Viewer reads. What amplify/ becomes once it switches to accounts.
 */
const RULES: Record<string, string> = {
  Site: '{ allow: groups, groups: ["Office"] } { allow: groups, groups: ["Crew", "Viewer"], operations: [read] }',
  Job: `{ allow: groups, groups: ["Office"] } { allow: groups, groups: ["Crew"], operations: [create, update, read] }
    { allow: groups, groups: ["Viewer"], operations: [read] }`,
  FieldNote: '{ allow: groups, groups: ["Office", "Crew"] } { allow: groups, groups: ["Viewer"], operations: [read] }',
  ChangeLogEntry: `{ allow: groups, groups: ["Office"] } { allow: groups, groups: ["Crew"], operations: [create, read] }
    { allow: groups, groups: ["Viewer"], operations: [read] }`,
  Attachment: '{ allow: groups, groups: ["Office", "Crew"] } { allow: groups, groups: ["Viewer"], operations: [read] }',
};

export function userPoolSchema(): string {
  return readFileSync(schemaPath, 'utf8').replace(
    /type (\w+) @model @auth\(rules: \[\{ allow: public \}\]\)/g,
    (_whole, model: string) => `type ${model} @model @auth(rules: [${RULES[model] ?? '{ allow: private }'}])`,
  );
}

const POOL = readConfig({}, []).userPool;

/** The server's options for that API: the schema as the transformer makes it, and its one mode. */
export function userPoolApi(): Pick<StartOptions, 'schemaSdl' | 'sourceSdl' | 'conflicts' | 'authModes'> {
  const source = userPoolSchema();
  const conflicts = readConflictSettings();
  return {
    schemaSdl: transformSdl(source, conflicts, {
      defaultAuthentication: {
        authenticationType: 'AMAZON_COGNITO_USER_POOLS',
        userPoolConfig: { userPoolId: POOL.poolId },
      },
      additionalAuthenticationProviders: [],
    }),
    sourceSdl: source,
    conflicts,
    authModes: { defaultMode: 'AMAZON_COGNITO_USER_POOLS', modes: new Set(['AMAZON_COGNITO_USER_POOLS']) },
  };
}

export interface UserPoolProject {
  readonly server: RunningServer;
  /** The app's address (`http://localhost:<port>`). */
  readonly url: string;
  /** Invites a person as `npm run users -- add` does; returns their temporary password. */
  /** Invites a person as `npm run users -- add` does, and puts them in `crews` (`crew add`). */
  invite(email: string, name: string, group: Group, crews?: readonly string[]): string;
  /** Revokes every sign-in of a person as `npm run users -- sign-out-everywhere` does. */
  signOutEverywhere(email: string): void;
  /** Stops the server and removes its database. */
  dispose(): Promise<void>;
}

/**
 * The sync server serving the app built in `appDirectory` for the user-pool project, and the
 * `amplifyconfiguration.json` such a project ships: the user pool and its client, no API key.
 */
export async function startUserPoolProject(
  appDirectory: string,
  tokenSeconds: { accessTokenSeconds?: number; idTokenSeconds?: number } = {},
): Promise<UserPoolProject> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-user-pool-'));
  const dbPath = join(directory, 'fieldbook.sqlite');
  const server = await startServer({
    port: 0,
    dbPath,
    apiKey: 'da2-userPoolProjectKey00',
    staticDir: appDirectory,
    ...userPoolApi(),
    seed: 'demo',
    userPool: tokenSeconds,
  });
  const url = `http://localhost:${server.port}`;
  writeFileSync(
    join(appDirectory, 'amplifyconfiguration.json'),
    JSON.stringify({
      aws_project_region: 'us-east-1',
      aws_appsync_graphqlEndpoint: `${url}/graphql`,
      aws_appsync_region: 'us-east-1',
      aws_appsync_authenticationType: 'AMAZON_COGNITO_USER_POOLS',
      aws_cognito_region: 'local',
      aws_user_pools_id: POOL.poolId,
      aws_user_pools_web_client_id: POOL.clientId,
    }),
  );
  return {
    server,
    url,
    async dispose() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
    invite: (email, name, group, crews = []) =>
      withPoolAdmin(dbPath, (admin) => {
        const temporary = admin.add(email, name, group);
        for (const crew of crews) admin.setInCrew(email, crewGroupOf(crew), true);
        return temporary;
      }),
    signOutEverywhere: (email) => void withPoolAdmin(dbPath, (admin) => admin.signOutEverywhere(email)),
  };
}
