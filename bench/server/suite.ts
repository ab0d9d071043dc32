import { type JobFields, makeJobs, makeSites } from '../lib/data.ts';
import { type Figure, meets } from '../lib/figures.ts';
import { childPid } from '../lib/process-cpu.ts';
import { startSeededServer } from '../lib/server.ts';
import { median, repeat } from '../lib/stats.ts';
import { baseSyncRun } from './base-sync.ts';
import { connectSubscribers, fanoutRun } from './fanout.ts';
import { WriterProcesses } from './writes.ts';

export const SERVER_PARAMS = {
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
};

/** The server group's benchmarks, by the names `npm run bench -- --only <name>` selects them by. */
export const SERVER_BENCHMARKS = ['base-sync', 'writes', 'fan-out'] as const;

type Log = (line: string) => void;

export async function serverBenchmarks(
  log: Log,
  only: ReadonlySet<string> = new Set(SERVER_BENCHMARKS),
): Promise<Figure[]> {
  const p = SERVER_PARAMS;
  const sites = makeSites(p.sites);
  const jobs = makeJobs(p.records, sites);
  log(`server: seeding ${p.records} jobs and ${p.sites} sites into a SQLite file`);
  const server = await startSeededServer({ sites, jobs });
  const figures: Figure[] = [];
  try {
    if (only.has('base-sync')) figures.push(await baseSync(server.url, log));
    if (only.has('writes')) figures.push(...(await writes(server.url, jobs, log)));
    if (only.has('fan-out')) figures.push(...(await fanout(server.url, jobs, log)));
  } finally {
    await server.dispose();
  }
  return figures;
}

async function baseSync(url: string, log: Log): Promise<Figure> {
  const p = SERVER_PARAMS;
  log('server: base sync');
  const syncs = await repeat(p.runs, () => baseSyncRun(url, p.pageSize, p.records));
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

async function writes(url: string, jobs: readonly JobFields[], log: Log): Promise<Figure[]> {
  const p = SERVER_PARAMS;
  log(`server: ${p.writers} concurrent conflict-checked writers`);
  const hot = jobs.slice(0, p.hotJobs).map((job) => job.id);
  const serverPid = childPid('server/src/main.ts');
  const writers = await WriterProcesses.start(p.writerProcesses, p.writers);
  let runs;
  try {
    runs = await repeat(p.runs, () => writers.run(url, hot, p.writeRunMs, serverPid));
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

async function fanout(url: string, jobs: readonly JobFields[], log: Log): Promise<Figure[]> {
  const p = SERVER_PARAMS;
  log(`server: fan-out to ${p.subscribers} WebSocket subscribers`);
  const setup = await connectSubscribers(url, p.subscribers);
  try {
    const runs = await repeat(p.runs, (run) =>
      fanoutRun(url, setup, (jobs[p.hotJobs] as JobFields).id, run, p.fanoutMutations),
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
