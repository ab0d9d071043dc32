import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import type { BenchServer } from '../lib/accounts.ts';
import { GraphQLConnection } from '../lib/http-client.ts';
import { processCpuMs } from '../lib/process-cpu.ts';
import { UPDATE_JOB } from '../lib/server.ts';
import { percentile } from '../lib/stats.ts';

export interface WritesRun {
  mutations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  conflicts: number;
  rejected: number;
  errors: number;
  /** CPU the server process spent during the run, per mutation (NaN where /proc cannot tell). */
  serverCpuUsPerMutation: number;
  /** CPU the writers' process(es) spent during the run, per mutation. */
  writersCpuUsPerMutation: number;
}

/** What a group of writers did: their latencies and outcomes, when they sent first and were answered last. */
export interface WritersTally {
  latencies: number[];
  conflicts: number;
  rejected: number;
  errors: number;
  /** Milliseconds since the epoch (performance.timeOrigin based, so comparable across processes). */
  firstSend: number;
  lastAnswer: number;
  /** CPU time of the process the writers ran in, over the run. */
  cpuMs: number;
}

/** What a writer process is sent: run `writers` (their indexes) from `startAt` until `deadline` (epoch ms). */
export interface WritersTask {
  /** The server and the Office user's access token, which every writer sends. */
  server: BenchServer;
  jobIds: readonly string[];
  writers: readonly number[];
  startAt: number;
  deadline: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Writers updating a small shared set of jobs as fast as the server acknowledges, each on its own
 * connection and sending the `_version` it last saw (as DataStore's outbox does). Whenever another
 * writer got there first the version is stale and the server's conflict handling runs: Job's
 * LAMBDA handler merges (a conflict) or rejects (ConflictUnhandled, then the writer adopts the
 * server version).
 */
export async function runWriters(task: WritersTask): Promise<WritersTally> {
  const { server, jobIds, deadline } = task;
  const wait = task.startAt - epochNow();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const cpuBefore = process.cpuUsage();
  const tally: WritersTally = {
    latencies: [],
    conflicts: 0,
    rejected: 0,
    errors: 0,
    firstSend: epochNow(),
    lastAnswer: 0,
    cpuMs: 0,
  };
  const writer = async (w: number) => {
    const connection = new GraphQLConnection(server);
    const versions = new Map<string, number>();
    try {
      for (let i = 0; epochNow() < deadline; i++) {
        const id = jobIds[(i * 7 + w * 13) % jobIds.length] as string;
        const sent = versions.get(id) ?? 1;
        const begin = performance.now();
        const result = await connection.post(UPDATE_JOB, {
          input: { id, _version: sent, assignee: `writer-${w}`, description: `edit ${i} by writer ${w}` },
          condition: null,
        });
        tally.latencies.push(performance.now() - begin);
        const item = result.data?.['updateJob'] as { _version: number } | null | undefined;
        const error = result.errors?.[0];
        if (item && !error) {
          if (item._version !== sent + 1) tally.conflicts++;
          versions.set(id, item._version);
        } else if (error?.errorType === 'ConflictUnhandled' && error.data) {
          tally.conflicts++;
          tally.rejected++;
          versions.set(id, error.data['_version'] as number);
        } else {
          tally.errors++;
        }
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(task.writers.map(writer));
  tally.lastAnswer = epochNow();
  const cpu = process.cpuUsage(cpuBefore);
  tally.cpuMs = (cpu.user + cpu.system) / 1000;
  return tally;
}

/** The figures of one run from the writer processes' tallies and the server's CPU time over it. */
export function summarize(tallies: readonly WritersTally[], serverCpuMs: number): WritesRun {
  const latencies = tallies.flatMap((t) => t.latencies);
  const elapsed = Math.max(...tallies.map((t) => t.lastAnswer)) - Math.min(...tallies.map((t) => t.firstSend));
  const sum = (pick: (t: WritersTally) => number) => tallies.reduce((total, t) => total + pick(t), 0);
  return {
    mutations: latencies.length,
    perSecond: (latencies.length / elapsed) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    conflicts: sum((t) => t.conflicts),
    rejected: sum((t) => t.rejected),
    errors: sum((t) => t.errors),
    serverCpuUsPerMutation: (serverCpuMs * 1000) / latencies.length,
    writersCpuUsPerMutation: (sum((t) => t.cpuMs) * 1000) / latencies.length,
  };
}

/**
 * The writers in process(es) of their own, off the benchmark's process (which holds the whole
 * seeded data set in its heap) and off the server's; the writers are dealt round-robin over
 * `processes`. Started once and reused for every run.
 */
export class WriterProcesses {
  private constructor(
    private readonly children: ChildProcess[],
    private readonly writers: number,
  ) {}

  static async start(processes: number, writers: number): Promise<WriterProcesses> {
    const children = Array.from({ length: processes }, () =>
      fork(new URL('./writer-process.ts', import.meta.url), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    await Promise.all(children.map((child) => nextMessage(child)));
    return new WriterProcesses(children, writers);
  }

  async run(
    server: BenchServer,
    jobIds: readonly string[],
    durationMs: number,
    serverPid?: number,
  ): Promise<WritesRun> {
    // Every writer starts at the same moment, whatever the order the processes get their task in.
    const startAt = epochNow() + 100;
    const deadline = startAt + durationMs;
    const count = this.children.length;
    const serverBefore = serverPid === undefined ? Number.NaN : processCpuMs(serverPid);
    const tallies = await Promise.all(
      this.children.map((child, index) => {
        const writers = Array.from({ length: this.writers }, (_, w) => w).filter((w) => w % count === index);
        const answer = nextMessage(child) as Promise<WritersTally>;
        child.send({ server, jobIds, writers, startAt, deadline } satisfies WritersTask);
        return answer;
      }),
    );
    const serverAfter = serverPid === undefined ? Number.NaN : processCpuMs(serverPid);
    return summarize(tallies, serverAfter - serverBefore);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.disconnect();
          }),
      ),
    );
  }
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`writer process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}
