import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { ReviewReport } from './device-review.ts';

type Fields = Record<string, unknown>;
export interface SentMutation {
  field: string;
  variables: { input: Fields; condition?: unknown };
  /** When the device put it on the wire (this machine's clock, as the server's `_lastChangedAt`). */
  sentAt: number;
  /** Who it was sent as: the `username` of the access token it carried (never the token itself). */
  as?: string;
  response?: { data?: Record<string, Fields | null> | null; errors?: { errorType?: string; data?: Fields | null }[] };
}
interface Reply {
  id?: number;
  ok?: boolean;
  result?: unknown;
  error?: string;
  ready?: boolean;
}

/**
 * The client as the test runner bundled it (FIELDBOOK_TEST_CLIENT_BUILD, scripts/
 * bundle-test-client.mjs), which starts without tsx; else its TypeScript through tsx.
 */
function clientEntry(): { path: string; execArgv: string[] } {
  const bundle = process.env['FIELDBOOK_TEST_CLIENT_BUILD'];
  if (bundle) return { path: bundle, execArgv: [] };
  return { path: fileURLToPath(new URL('./datastore-client.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

/** The test's handle on one DataStore client process; every command has a timeout. */
export class DataStoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /** The end of the process's stderr, so a crash says why. */
  private stderrTail = '';
  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    child.on('message', (reply: Reply) => {
      const waiter = reply.id === undefined ? undefined : this.pending.get(reply.id);
      if (!waiter || reply.id === undefined) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(reply.error));
    });
    // A send to a process that has died rejects the call (below) instead of crashing the test.
    child.on('error', () => undefined);
    child.on('exit', (code, signal) => {
      const why = `client process exited (${code ?? signal})${this.stderrTail ? `: ${this.stderrTail.trim()}` : ''}`;
      for (const waiter of this.pending.values()) waiter.reject(new Error(why));
      this.pending.clear();
    });
  }

  static async spawn(): Promise<DataStoreClient> {
    const { path, execArgv } = clientEntry();
    const child = fork(path, [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (process.env['FIELDBOOK_TEST_VERBOSE']) process.stderr.write(chunk);
    });
    await new Promise<void>((resolve, reject) => {
      // A process that never starts would otherwise hold the test run open with no handle to end it.
      // Loading tsx, DataStore and Amplify takes a few seconds alone and over 30 s on a machine at
      // load 30 (seen in fuzz runs beside other suites): start-up speed is not what any test checks.
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error('client process did not start within 120 s'));
      }, 120_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
    });
    return new DataStoreClient(child);
  }

  call<T = unknown>(command: string, args: unknown = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${command} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      if (!this.child.connected) this.pending.get(id)?.reject(new Error('client process exited'));
      else this.child.send({ id, command, args });
    });
  }

  start(
    port: number,
    apiKey: string,
    options: {
      syncPageSize?: number;
      selective?: Fields;
      fullSyncIntervalMinutes?: number;
      modelsModule?: string;
      stockAdapter?: boolean;
      userPool?: { poolId: string; clientId: string; endpoint: string; username: string; password: string };
      /** A token the server refuses is renewed and sync restarted, as the app does (refused-tokens.ts). */
      renewRefusedTokens?: boolean;
      /** What the device holds (a SyncScope), kept as the app's sync leader keeps it. */
      scope?: { crewGroups: readonly string[] | null; syncCrew: string | null };
    } = {},
  ) {
    return this.call(
      'start',
      { endpoint: `http://127.0.0.1:${port}/graphql`, apiKey, syncPageSize: options.syncPageSize ?? 1000, ...options },
      // Loading and starting DataStore under a load of 15-20 on 2 cores took over 60 s in fuzz runs.
      120_000,
    );
  }

  query(model: string): Promise<Fields[]> {
    return this.call('query', { model });
  }

  events(): Promise<{
    /** `at`: when the device heard it (this machine's clock). */
    hub: { event: string; data: Fields; at: number }[];
    conflicts: { model: string; local: Fields; remote: Fields; operation: string; at: number }[];
    /** The review list the app would show this device's user, and each entry as it was filed. */
    reviews?: ReviewReport;
  }> {
    return this.call('events');
  }

  /** Every mutation this client put on the wire, with the server's answer when one arrived. */
  sent(): Promise<SentMutation[]> {
    return this.call('sent');
  }

  outbox(): Promise<number> {
    return this.call('outbox');
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
