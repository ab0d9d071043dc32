import { type BenchServer, benchServer } from '../lib/accounts.ts';
import { type JobFields, makeJobs, makeSites } from '../lib/data.ts';
import { type Figure, meets } from '../lib/figures.ts';
import { childPid } from '../lib/process-cpu.ts';
import { sized } from '../lib/quick.ts';
import { startSeededServer } from '../lib/server.ts';
import { median, repeat } from '../lib/stats.ts';
import { baseSyncRun } from './base-sync.ts';
import { connectSubscribers, fanoutRun } from './fanout.ts';
import { signInCpuRun } from './sign-in.ts';
import { WriterProcesses } from './writes.ts';

export const SERVER_PARAMS = sized(
  {
    records: 100_000,
    sites: 1_000,
    pageSize: 1_000,
    runs: 3,
    writers: 8,
    writerProcesses: 1,
    hotJobs: 64,
    writeRunMs: 3_000,
    subscribers: 200,
    fanoutMutations: 25,
    signIns: 30,
    getJobs: 1_000,
  },
  {
    records: 2_000,
    sites: 20,
    runs: 1,
    writeRunMs: 1_000,
    subscribers: 20,
    fanoutMutations: 5,
    signIns: 5,
    getJobs: 100,
  },
);

/** The server group's benchmarks, by the names `npm run bench -- --only <name>` selects them by. */
export const SERVER_BENCHMARKS = ['base-sync', 'writes', 'fan-out', 'sign-in'] as const;

type Log = (line: string) => void;

export async function serverBenchmarks(
  log: Log,
  only: ReadonlySet<string> = new Set(SERVER_BENCHMARKS),
): Promise<Figure[]> {
  const p = SERVER_PARAMS;
  const sites = makeSites(p.sites);
  const jobs = makeJobs(p.records, sites);
  log(`server: seeding ${p.records} jobs and ${p.sites} sites into a SQLite file`);
  const running = await startSeededServer({ sites, jobs });
  const figures: Figure[] = [];
  try {
    const server = await benchServer(running);
    if (only.has('base-sync')) figures.push(await baseSync(server, log));
    if (only.has('writes')) figures.push(...(await writes(server, jobs, log)));
    if (only.has('fan-out')) figures.push(...(await fanout(server, jobs, log)));
    if (only.has('sign-in')) figures.push(await signInCpu({ ...server, dbPath: running.dbPath }, jobs, log));
  } finally {
    await running.dispose();
  }
  return figures;
}

async function baseSync(server: BenchServer, log: Log): Promise<Figure> {
  const p = SERVER_PARAMS;
  log('server: base sync');
  const syncs = await repeat(p.runs, () => baseSyncRun(server, p.pageSize, p.records));
  const perSecond = syncs.map((s) => s.recordsPerSecond);
  return {
    group: 'server',
    name: `base sync, ${p.records.toLocaleString('en')} Jobs, page ${p.pageSize}`,
    value: median(perSecond),
    unit: 'records/s',
    runs: perSecond,
    target: { op: '>=', value: 50_000, unit: 'records/s', met: meets(median(perSecond), '>=', 50_000) },
  };
}

async function writes(server: BenchServer, jobs: readonly JobFields[], log: Log): Promise<Figure[]> {
  const p = SERVER_PARAMS;
  log(`server: ${p.writers} concurrent conflict-checked writers`);
  const hot = jobs.slice(0, p.hotJobs).map((job) => job.id);
  const serverPid = childPid('server/src/main.ts');
  const writers = await WriterProcesses.start(p.writerProcesses, p.writers);
  let runs;
  try {
    runs = await repeat(p.runs, () => writers.run(server, hot, p.writeRunMs, serverPid));
  } finally {
    await writers.close();
  }
  const rate = runs.map((w) => w.perSecond);
  const errors = runs.reduce((sum, w) => sum + w.errors, 0);
  return [
    {
      group: 'server',
      name: `writes, ${p.writers} writers on ${p.hotJobs} shared Jobs`,
      value: median(rate),
      unit: 'mutations/s',
      runs: rate,
      target: { op: '>=', value: 2_000, unit: 'mutations/s', met: meets(median(rate), '>=', 2_000) },
      note: errors > 0 ? `${errors} unexpected errors` : undefined,
    },
    {
      group: 'server',
      name: 'writes: latency p50',
      value: median(runs.map((w) => w.p50Ms)),
      unit: 'ms',
      runs: runs.map((w) => w.p50Ms),
    },
    {
      group: 'server',
      name: 'writes: latency p99',
      value: median(runs.map((w) => w.p99Ms)),
      unit: 'ms',
      runs: runs.map((w) => w.p99Ms),
    },
    {
      group: 'server',
      name: 'writes: conflicts per run (of which rejected)',
      value: median(runs.map((w) => w.conflicts)),
      unit: 'conflicts',
      runs: runs.map((w) => w.conflicts),
      note: `rejected ${runs.map((w) => w.rejected).join('/')}; mutations ${runs.map((w) => w.mutations).join('/')}`,
    },
    {
      group: 'server',
      name: 'writes: server CPU per mutation',
      value: median(runs.map((w) => w.serverCpuUsPerMutation)),
      unit: 'µs',
      runs: runs.map((w) => w.serverCpuUsPerMutation),
      note: `writers' CPU ${median(runs.map((w) => w.writersCpuUsPerMutation)).toFixed(0)} µs per mutation`,
    },
  ];
}

async function fanout(server: BenchServer, jobs: readonly JobFields[], log: Log): Promise<Figure[]> {
  const p = SERVER_PARAMS;
  log(`server: fan-out to ${p.subscribers} WebSocket subscribers`);
  const setup = await connectSubscribers(server, p.subscribers);
  try {
    const runs = await repeat(p.runs, (run) =>
      fanoutRun(server, setup, (jobs[p.hotJobs] as JobFields).id, run, p.fanoutMutations),
    );
    const missing = runs.reduce((sum, f) => sum + f.missing, 0);
    return [
      {
        group: 'server',
        name: `fan-out to ${p.subscribers} subscribers: ack → event p50`,
        value: median(runs.map((f) => f.p50Ms)),
        unit: 'ms',
        runs: runs.map((f) => f.p50Ms),
      },
      {
        group: 'server',
        name: `fan-out to ${p.subscribers} subscribers: ack → event p99`,
        value: median(runs.map((f) => f.p99Ms)),
        unit: 'ms',
        runs: runs.map((f) => f.p99Ms),
        target: {
          op: '<',
          value: 50,
          unit: 'ms',
          met: missing === 0 && meets(median(runs.map((f) => f.p99Ms)), '<', 50),
        },
        note: `send → event p99 ${median(runs.map((f) => f.sendToEventP99Ms)).toFixed(1)} ms${missing > 0 ? `; ${missing} events missing` : ''}`,
      },
    ];
  } finally {
    setup.close();
  }
}

async function signInCpu(
  server: BenchServer & { dbPath: string },
  jobs: readonly JobFields[],
  log: Log,
): Promise<Figure> {
  const p = SERVER_PARAMS;
  log(`server: ${p.signIns} SRP sign-ins, then ${p.getJobs} getJob requests, one after another`);
  const serverPid = childPid('server/src/main.ts');
  const jobId = (jobs[p.hotJobs] as JobFields).id;
  const runs = await repeat(p.runs, () => signInCpuRun(server, serverPid, jobId, p));
  const signIn = median(runs.map((r) => r.signInCpuMs));
  const getJob = median(runs.map((r) => r.getJobCpuMs));
  return {
    group: 'server',
    name: 'sign-in (SRP, InitiateAuth + RespondToAuthChallenge): server CPU per sign-in',
    value: signIn,
    unit: 'ms',
    runs: runs.map((r) => r.signInCpuMs),
    ratio: { to: 'server CPU per small getJob request', value: signIn / getJob },
    note: `getJob ${(getJob * 1000).toFixed(0)} µs of server CPU; a sign-in takes ${median(runs.map((r) => r.signInWallMs)).toFixed(0)} ms end to end (Amplify Auth in Node)`,
  };
}
