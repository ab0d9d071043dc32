import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { addCrewMember } from '../../testing/crew-members.ts';
import { readTransformedSchema } from '../src/amplify-project.ts';
import { type ApiAuthModes, readApiAuthModes } from '../src/auth/auth-modes.ts';
import { type RunningServer, type StartOptions, startServer } from '../src/server.ts';
import type { Group } from '../src/user-pool/user-store.ts';
import { POOL } from './user-pool-admin.ts';

export const API_KEY = 'da2-testKey0123456789';

/** An API that takes the API key only, as every schema of these tests but amplify/'s own does. */
export const API_KEY_MODES: ApiAuthModes = { defaultMode: 'API_KEY', modes: new Set(['API_KEY']) };

/**
 * The options of a server whose identity pool lets guests in, as a project's may (amplify/'s no longer
 * does): for the tests of the object store's and Cognito Identity's guest rules.
 */
export const GUESTS_ALLOWED = { allowGuests: true } as const;

/** What gql needs to know of each server a test started: its database and whether it takes the key. */
const servers = new Map<number, { dbPath: string; takesKey: boolean }>();
const projectTakesKey = () => readApiAuthModes().defaultMode === 'API_KEY';
const officeTokens = new Map<number, Promise<string>>();

/**
 * Ports are reused: a new server on a port that a closed one had (every fuzz seed starts one) has
 * its own database and users, so what was signed in on the old one is forgotten.
 */
function knowServer(port: number, server: { dbPath: string; takesKey: boolean }): void {
  if (servers.get(port)?.dbPath !== server.dbPath) {
    officeTokens.delete(port);
    for (const key of accounts.keys()) if (key.startsWith(`${port} `)) accounts.delete(key);
  }
  servers.set(port, server);
}

/**
 * `email` of `group`, invited over the server's database with the password they would choose at
 * their first sign-in (crew-members.ts): the invitation's own sign-in has tests of its own
 * (user-pool-sign-in.test.ts), and each one costs an SRP exchange. A person already there (a
 * database copied from another test server, a restored backup) is left as they are.
 */
export function addAccount(
  dbPath: string,
  email: string,
  password: string,
  group: Group,
  crews: readonly string[] = [],
): void {
  addCrewMember(dbPath, { email, name: email.split('@')[0] ?? email, group, password, crews });
}

/**
 * Amplify Auth and the test's pointing of it at a server, loaded at the first sign-in: a file whose
 * servers take the API key, or whose devices sign in in their own processes, never needs it.
 */
async function amplifyAuth() {
  const [auth, { configureAuth }] = await Promise.all([import('aws-amplify/auth'), import('./user-pool-client.ts')]);
  return { ...auth, configureAuth };
}

/**
 * An Office user's access token on the server at `port`: invited over its database and signed in
 * with Amplify Auth in this process once per server, as a person in the office would.
 */
export function officeToken(port: number): Promise<string> {
  const known = servers.get(port);
  if (!known) throw new Error(`no test server of this file listens on ${port}`);
  let token = officeTokens.get(port);
  if (!token) {
    token = (async () => {
      const email = 'office@fieldbook.test';
      const password = 'Office-password-1';
      addAccount(known.dbPath, email, password, 'Office');
      const { configureAuth, fetchAuthSession, signIn } = await amplifyAuth();
      await configureAuth(`http://127.0.0.1:${port}/`);
      await signIn({ username: email, password });
      const session = await fetchAuthSession();
      const access = session.tokens?.accessToken.toString();
      if (!access) throw new Error('the Office user has no access token');
      return access;
    })();
    officeTokens.set(port, token);
  }
  return token;
}

/**
 * The Office user's access token as Amplify Auth in this process holds it now, renewed once it is
 * about to expire: for a server whose tokens live seconds (the fuzz's).
 */
export async function renewedOfficeToken(port: number): Promise<string> {
  await officeToken(port);
  const { fetchAuthSession } = await amplifyAuth();
  const access = (await fetchAuthSession()).tokens?.accessToken.toString();
  if (!access) throw new Error('the Office user has no access token');
  return access;
}

let sdl: string | undefined;
/** The committed AppSync schema, read once for every server a test file starts. */
export function schemaSdl(): string {
  sdl ??= readTransformedSchema();
  return sdl;
}

/**
 * The server in its own process (server-process.ts), for tests that kill it or time it from
 * outside; an empty `schemaFile` serves the committed schema. `publicUrl`: the address devices reach
 * it at (its `FIELDBOOK_PUBLIC_URL`), which names the user pool's tokens.
 */
export async function forkServer(
  dbPath: string,
  schemaFile = '',
  publicUrl?: string,
): Promise<{ child: ChildProcess; port: number }> {
  const args = [dbPath, schemaFile, API_KEY, ...(publicUrl ? [publicUrl] : [])];
  const child = fork(new URL('./server-process.ts', import.meta.url), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  knowServer(port, { dbPath, takesKey: projectTakesKey() });
  return { child, port };
}

/**
 * The command-line server (Node run with `nodeArgs`: its script and any loader) on a free port, as an
 * operator starts it: its output is collected, and `port` resolves once it says where it listens.
 */
export function spawnCommandLineServer(
  nodeArgs: string[],
  options: { cwd: string; dbPath: string },
): { child: ChildProcess; port: Promise<number>; output(): string } {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: { ...process.env, PORT: '0', FIELDBOOK_DB: options.dbPath, FIELDBOOK_API_KEY: API_KEY },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = waitFor('the server to listen', () => /localhost:(\d+)\//.exec(output)?.[1], 30_000).then((found) => {
    knowServer(Number(found), { dbPath: options.dbPath, takesKey: projectTakesKey() });
    return Number(found);
  });
  return { child, port, output: () => output };
}

export function tempDbPath(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-test-'));
  return { path: join(dir, 'db.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestServer(dbPath: string, options: Partial<StartOptions> = {}): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    dbPath,
    apiKey: API_KEY,
    staticDir: join(tmpdir(), 'fieldbook-no-app'),
    schemaSdl: schemaSdl(),
    ...options,
  });
  const modes = options.authModes ?? readApiAuthModes();
  knowServer(server.port, { dbPath, takesKey: modes.defaultMode === 'API_KEY' });
  return server;
}

const accounts = new Map<string, Promise<DeviceAccount>>();
export interface DeviceAccount {
  poolId: string;
  clientId: string;
  endpoint: string;
  username: string;
  password: string;
}

/**
 * A person a DataStore client (client-process.ts, its `userPool` option) signs in as on the server at
 * `port`: invited over its database once per server and group, with a password of their own.
 */
export function deviceAccount(port: number, group: Group = 'Office'): Promise<DeviceAccount> {
  const known = servers.get(port);
  if (!known) throw new Error(`no test server of this file listens on ${port}`);
  const key = `${port} ${group}`;
  let account = accounts.get(key);
  if (!account) {
    account = (async () => {
      const username = `${group.toLowerCase()}-device@fieldbook.test`;
      const password = `${group}-device-password-1`;
      const endpoint = `http://127.0.0.1:${port}/`;
      addAccount(known.dbPath, username, password, group);
      return { poolId: POOL.poolId, clientId: POOL.clientId, endpoint: `${endpoint}cognito-idp`, username, password };
    })();
    accounts.set(key, account);
  }
  return account;
}

/** How gql authorizes by default: the API key where the API's default mode is the key, else an Office user's token. */
async function defaultAuthorization(port: number): Promise<Record<string, string>> {
  if (servers.get(port)?.takesKey ?? true) return { 'x-api-key': API_KEY };
  return { authorization: await officeToken(port) };
}

export async function gql(
  port: number,
  query: string,
  variables: Record<string, unknown> = {},
  authorization?: Record<string, string>,
) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ?? (await defaultAuthorization(port))) },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

/** Polls until `check` returns a truthy value; the timeout names what was awaited. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function byId<T extends Record<string, unknown>>(records: T[]): Map<string, T> {
  return new Map(records.map((r) => [String(r['id']), r]));
}
