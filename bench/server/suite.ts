import { type JobFields, makeJobs, makeSites } from '../lib/data.ts';
import { type Figure, meets } from '../lib/figures.ts';
import { startSeededServer } from '../lib/server.ts';
import { median, repeat } from '../lib/stats.ts';
import { baseSyncRun } from './base-sync.ts';
import { connectSubscribers, fanoutRun } from './fanout.ts';
import { writesRun } from './writes.ts';

export const SERVER_PARAMS = {
  records: 100_000,
  sites: 1_000,
  pageSize: 1_000,
  runs: 3,
  writers: 8,
  hotJobs: 64,
  writeRunMs: 3_000,
  subscribers: 200,
  fanoutMutations: 25,
};

export async function serverBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  const p = SERVER_PARAMS;
  const sites = makeSites(p.sites);
  const jobs = makeJobs(p.records, sites);
  log(`server: seeding ${p.records} jobs and ${p.sites} sites into a SQLite file`);
  const server = await startSeededServer({ sites, jobs });
  const figures: Figure[] = [];
  try {
    log('server: base sync');
    const syncs = await repeat(p.runs, () => baseSyncRun(server.url, p.pageSize, p.records));
    const perSecond = syncs.map((s) => s.recordsPerSecond);
    figures.push({
      group: 'server',
      name: `base sync, ${p.records.toLocaleString('en')} Jobs, page ${p.pageSize}`,
      value: median(perSecond),
      unit: 'records/s',
      runs: perSecond,
      target: { op: '>=', value: 50_000, unit: 'records/s', met: meets(median(perSecond), '>=', 50_000) },
    });

    log(`server: ${p.writers} concurrent conflict-checked writers`);
    const hot = jobs.slice(0, p.hotJobs).map((job) => job.id);
    const writes = await repeat(p.runs, () => writesRun(server.url, hot, p.writers, p.writeRunMs));
    const rate = writes.map((w) => w.perSecond);
    const errors = writes.reduce((sum, w) => sum + w.errors, 0);
    figures.push(
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
        value: median(writes.map((w) => w.p50Ms)),
        unit: 'ms',
        runs: writes.map((w) => w.p50Ms),
      },
      {
        group: 'server',
        name: 'writes: latency p99',
        value: median(writes.map((w) => w.p99Ms)),
        unit: 'ms',
        runs: writes.map((w) => w.p99Ms),
      },
      {
        group: 'server',
        name: 'writes: conflicts per run (of which rejected)',
        value: median(writes.map((w) => w.conflicts)),
        unit: 'conflicts',
        runs: writes.map((w) => w.conflicts),
        note: `rejected ${writes.map((w) => w.rejected).join('/')}; mutations ${writes.map((w) => w.mutations).join('/')}`,
      },
    );

    log(`server: fan-out to ${p.subscribers} WebSocket subscribers`);
    const setup = await connectSubscribers(server.url, p.subscribers);
    try {
      const fanouts = await repeat(p.runs, (run) =>
        fanoutRun(server.url, setup, (jobs[p.hotJobs] as JobFields).id, run, p.fanoutMutations),
      );
      const missing = fanouts.reduce((sum, f) => sum + f.missing, 0);
      figures.push(
        {
          group: 'server',
          name: `fan-out to ${p.subscribers} subscribers: ack → event p50`,
          value: median(fanouts.map((f) => f.p50Ms)),
          unit: 'ms',
          runs: fanouts.map((f) => f.p50Ms),
        },
        {
          group: 'server',
          name: `fan-out to ${p.subscribers} subscribers: ack → event p99`,
          value: median(fanouts.map((f) => f.p99Ms)),
          unit: 'ms',
          runs: fanouts.map((f) => f.p99Ms),
          target: {
            op: '<',
            value: 50,
            unit: 'ms',
            met: missing === 0 && meets(median(fanouts.map((f) => f.p99Ms)), '<', 50),
          },
          note: `send → event p99 ${median(fanouts.map((f) => f.sendToEventP99Ms)).toFixed(1)} ms${missing > 0 ? `; ${missing} events missing` : ''}`,
        },
      );
    } finally {
      setup.close();
    }
  } finally {
    await server.dispose();
  }
  return figures;
}
