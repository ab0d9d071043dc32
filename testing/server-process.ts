import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/**
 * Node's arguments to run the server's entry point `name` (`main`, `users-main`, `backup-main`) of the
 * checkout at `root`: the build the test runner compiled from this checkout for this run where it
 * names one (FIELDBOOK_SERVER_BUILD), which starts in about half the CPU, else its TypeScript
 * through tsx.
 */
export function serverEntry(name: string, root = repositoryRoot): string[] {
  const build = process.env['FIELDBOOK_SERVER_BUILD'];
  if (build && root === repositoryRoot) return [join(build, `${name}.js`)];
  return ['--import', 'tsx', join(root, 'server', 'src', `${name}.ts`)];
}

interface Launched {
  readonly child: ChildProcess;
  readonly port: number;
}

/**
 * Port 0 lets the server take a free port itself and say which, so test files running side by side
 * never race for one; a restart asks for the port it had, as the devices know it by that URL.
 */
function launch(port: number, dbPath: string, extraEnv: Record<string, string>, root: string): Promise<Launched> {
  const child = spawn(process.execPath, serverEntry('main', root), {
    cwd: root,
    env: { ...process.env, PORT: String(port), FIELDBOOK_DB: dbPath, FIELDBOOK_API_KEY: API_KEY, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveChild, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const listening = /localhost:(\d+)\//.exec(output)?.[1];
      if (listening) {
        clearTimeout(timer);
        resolveChild({ child, port: Number(listening) });
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

/** `root`: the checkout whose server (and amplify/ project) runs; this one unless said. */
export async function startServerProcess(
  extraEnv: Record<string, string> = {},
  { root = repositoryRoot }: { root?: string } = {},
): Promise<ServerProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-e2e-'));
  const dbPath = join(directory, 'fieldbook.sqlite');
  const first = await launch(0, dbPath, extraEnv, root);
  const port = first.port;
  let child: ChildProcess | undefined = first.child;
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
      child = (await launch(port, dbPath, extraEnv, root)).child;
    },
    async dispose() {
      if (child) await exited(child, 'SIGTERM');
      child = undefined;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
