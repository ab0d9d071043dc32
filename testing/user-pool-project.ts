import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Page } from 'playwright-core';

import { transformSdl } from '../scripts/transform.ts';
import { schemaPath } from '../server/src/amplify-project.ts';
import { readConfig } from '../server/src/config.ts';
import { readConflictSettings } from '../server/src/conflict/conflict-settings.ts';
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
  invite(email: string, name: string, group: Group): string;
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
    invite: (email, name, group) => withPoolAdmin(dbPath, (admin) => admin.add(email, name, group)),
    signOutEverywhere: (email) => void withPoolAdmin(dbPath, (admin) => admin.signOutEverywhere(email)),
  };
}

/** Signs in on the sign-in page; an invited person's first sign-in also sets `newPassword`. */
export async function signInOnPage(page: Page, email: string, password: string, newPassword?: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (newPassword) {
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
  }
  // The app moves on in the page (its router): waiting for a load event would also wait for files
  // the page has not finished loading, which a test may be holding back on purpose.
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { waitUntil: 'commit' });
}

/** GraphQL as the person signed in on `page`, with the access token the app holds. */
export async function queryAsSignedIn(page: Page, url: string, query: string): Promise<unknown> {
  const token = await heldAccessToken(page);
  if (!token) throw new Error('nobody is signed in on this page');
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

/** Waits until the access token the page holds has expired (tokens live `tokenSeconds`). */
export async function accessTokenExpired(page: Page, tokenSeconds: number): Promise<void> {
  const expiry = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.accessToken'));
    const token = key ? (localStorage.getItem(key) ?? '') : '';
    const claims = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(claims)) as { exp: number }).exp * 1000;
  });
  const deadline = Date.now() + (tokenSeconds + 5) * 1000;
  while (Date.now() <= expiry + 1_000) {
    if (Date.now() > deadline) throw new Error('the access token did not expire in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * What a phone whose clock ran `ms` fast at the sign-in, and has been set right since, keeps: the
 * offset Amplify measured then (its clock drift), by which it trusts its tokens `ms` longer than
 * the server does.
 */
export async function clockWasAheadAtSignIn(page: Page, ms: number): Promise<void> {
  await page.evaluate((ahead) => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.clockDrift'));
    if (!key) throw new Error('nobody is signed in on this page');
    localStorage.setItem(key, String(Number(localStorage.getItem(key) ?? '0') - ahead));
  }, ms);
}

/** The access token Amplify keeps on the page, or null. */
export function heldAccessToken(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.accessToken'));
    return key ? localStorage.getItem(key) : null;
  });
}
