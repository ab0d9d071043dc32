import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(import.meta.dirname, '..');
export const API_KEY = 'da2-e2eTestKey000000000';

/** The real sync server as a separate process, as `npm start` runs it, on a free port and a fresh database. */
export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly dbPath: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function launch(port: number, dbPath: string, extraEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'server', 'src', 'main.ts')], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), FIELDBOOK_DB: dbPath, FIELDBOOK_API_KEY: API_KEY, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveChild, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes(`:${port}`)) {
        clearTimeout(timer);
        resolveChild(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill(signal);
  });
}

export async function startServerProcess(extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-e2e-'));
  const dbPath = join(directory, 'fieldbook.sqlite');
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port, dbPath, extraEnv);
  return {
    url: `http://localhost:${port}`,
    port,
    dbPath,
    async stop(signal = 'SIGTERM') {
      if (child) await exited(child, signal);
      child = undefined;
    },
    async restart() {
      if (child) await exited(child, 'SIGTERM');
      child = await launch(port, dbPath, extraEnv);
    },
    async dispose() {
      if (child) await exited(child, 'SIGTERM');
      child = undefined;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
