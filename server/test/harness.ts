import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readTransformedSchema } from '../src/amplify-project.ts';
import { type RunningServer, type StartOptions, startServer } from '../src/server.ts';

export const API_KEY = 'da2-testKey0123456789';

let sdl: string | undefined;
/** The committed AppSync schema, read once for every server a test file starts. */
export function schemaSdl(): string {
  sdl ??= readTransformedSchema();
  return sdl;
}

/**
 * The server in its own process (server-process.ts), for tests that kill it or time it from
 * outside; an empty `schemaFile` serves the committed schema.
 */
export async function forkServer(dbPath: string, schemaFile = ''): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL('./server-process.ts', import.meta.url), [dbPath, schemaFile, API_KEY], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
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
  const port = waitFor('the server to listen', () => /localhost:(\d+)\//.exec(output)?.[1], 30_000).then(Number);
  return { child, port, output: () => output };
}

export function tempDbPath(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-test-'));
  return { path: join(dir, 'db.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startTestServer(dbPath: string, options: Partial<StartOptions> = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    dbPath,
    apiKey: API_KEY,
    staticDir: join(tmpdir(), 'fieldbook-no-app'),
    schemaSdl: schemaSdl(),
    ...options,
  });
}

export async function gql(port: number, query: string, variables: Record<string, unknown> = {}, apiKey = API_KEY) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
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
