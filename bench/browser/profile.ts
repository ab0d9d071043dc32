/**
 * A CPU profile (Chromium, DevTools protocol) of one device-side scenario in the bench page, with a
 * summary of where the main thread's time went. Not part of `npm run bench`.
 *
 *   npx tsx bench/browser/profile.ts first-sync [--jobs 10000]   # fresh device: start → ready
 *   npx tsx bench/browser/profile.ts saves [--edits 300]         # offline DataStore.save, one by one
 *   npx tsx bench/browser/profile.ts drain [--edits 300]         # reconnect → outbox empty
 *   npx tsx bench/browser/profile.ts own-write [--jobs 50000] [--online]  # bench page: save → live list shows it
 *   npx tsx bench/browser/profile.ts cold-start [--jobs 10000]   # the app, offline: navigation → first job card
 *
 * BENCH_APP_DIR=<build>/browser serves that build instead of building dist/. Writes
 * /tmp/fieldbook-<scenario>.cpuprofile (open it in DevTools → Performance) and prints the functions
 * with the most self time, and the shares of idle, garbage collection and native code.
 */
import { writeFileSync } from 'node:fs';

import type { CDPSession } from 'playwright-core';

import { type BenchTarget, openBenchDevice, startBenchPage } from '../lib/browser.ts';
import { makeJobs, makeSites } from '../lib/data.ts';
import { startSeededServer } from '../lib/server.ts';
import { sleep } from '../lib/stats.ts';
import { offlineColdStart, syncedDevice } from './cold-start.ts';
import { prepareStatic } from './static.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type Bench = Window & {
  bench: {
    jobIds(limit: number): Promise<string[]>;
    editAll(ids: string[], label: string): Promise<{ totalMs: number; saveMs: number[] }>;
    waitForDrain(count: number, timeoutMs: number): Promise<number>;
    ownWriteLatency(samples: number, label: string): Promise<number[]>;
  };
  drained?: Promise<number>;
};

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** Self time per function (name, file, line), largest first, as shares of the profile's duration. */
export function summarize(profile: CpuProfile, top = 30): string {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const frame = byNode.get(id)?.callFrame;
    const file = frame?.url.split('/').pop() ?? '';
    const key = frame ? `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}` : '?';
    self.set(key, (self.get(key) ?? 0) + delta);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = rows.map(
    ([key, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
  );
  return [`profile ${(total / 1000).toFixed(0)} ms`, ...lines].join('\n');
}

async function profiled<T>(session: CDPSession, work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  const result = await work();
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  return { result, profile };
}

/** The app itself (not the bench page) after a first sync, relaunched offline; profiled from navigation to the first card. */
async function coldStartProfile(server: BenchTarget, jobs: number, log: (line: string) => void) {
  const device = await syncedDevice(server, jobs, log);
  try {
    let profile: CpuProfile | undefined;
    const start = await offlineColdStart(device, server.url, async (page, context) => {
      const session = await context.newCDPSession(page);
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 200 });
      await session.send('Profiler.start');
      return async () => {
        profile = ((await session.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
      };
    });
    if (!profile) throw new Error('no profile');
    return { result: start, profile };
  } finally {
    await device.dispose();
  }
}

async function main(): Promise<void> {
  const scenario = process.argv[2] ?? 'first-sync';
  const jobs = option('jobs', 10_000);
  const edits = option('edits', 300);
  const log = (line: string) => console.log(line);
  const statics = await prepareStatic(log, { minify: false });
  const sites = makeSites(200);
  const server = await startSeededServer(
    { sites, jobs: makeJobs(jobs, sites) },
    { FIELDBOOK_STATIC_DIR: statics.appDir },
  );
  if (scenario === 'cold-start') {
    try {
      const outcome = await coldStartProfile(server, jobs, log);
      report(scenario, outcome, log);
    } finally {
      await server.dispose();
    }
    return;
  }
  const device = await openBenchDevice();
  try {
    const { page, context } = device;
    await page.goto(`${server.url}/bench/datastore.html`);
    const session = await context.newCDPSession(page);
    const start = () => startBenchPage(page, server);
    let outcome: { result: unknown; profile: CpuProfile };
    if (scenario === 'first-sync') {
      outcome = await profiled(session, start);
    } else {
      log(`first sync of ${jobs} jobs (not profiled)`);
      await start();
      const ids = await page.evaluate((n) => (window as unknown as Bench).bench.jobIds(n), edits);
      await context.setOffline(!process.argv.includes('--online'));
      await sleep(500);
      const edit = () => page.evaluate((list) => (window as unknown as Bench).bench.editAll(list, 'profiled'), ids);
      if (scenario === 'own-write') {
        // One unprofiled round first: the list's initial read of every job is not what is measured.
        const write = (label: string) =>
          page.evaluate((l) => (window as unknown as Bench).bench.ownWriteLatency(20, l), label);
        await write('first round');
        outcome = await profiled(session, () => write('profiled'));
        const sorted = [...(outcome.result as number[])].sort((a, b) => a - b);
        log(
          `own write visible: p50 ${sorted[9]?.toFixed(1)} ms, p95 ${sorted[18]?.toFixed(1)} ms; ${sorted.join(', ')}`,
        );
      } else if (scenario === 'saves') {
        outcome = await profiled(session, edit);
        const { totalMs, saveMs } = outcome.result as { totalMs: number; saveMs: number[] };
        const sorted = [...saveMs].sort((a, b) => a - b);
        log(
          `${edits} saves in ${totalMs.toFixed(0)} ms; save p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms`,
        );
      } else {
        await edit();
        await page.evaluate((n) => {
          const w = window as unknown as Bench;
          w.drained = w.bench.waitForDrain(n, 600_000);
        }, edits);
        outcome = await profiled(session, async () => {
          const online = await page.evaluate(() => performance.now());
          await context.setOffline(false);
          const drained = await page.evaluate(() => (window as unknown as Bench).drained as Promise<number>);
          return drained - online;
        });
        log(`drain of ${edits} edits: ${(outcome.result as number).toFixed(0)} ms`);
      }
    }
    report(scenario, outcome, log);
  } finally {
    await device.dispose();
    await server.dispose();
  }
}

function report(scenario: string, outcome: { result: unknown; profile: CpuProfile }, log: (line: string) => void) {
  const file = `/tmp/fieldbook-${scenario}.cpuprofile`;
  writeFileSync(file, JSON.stringify(outcome.profile));
  log(`${scenario}: ${JSON.stringify(outcome.result)?.slice(0, 400)}; profile in ${file}`);
  log(summarize(outcome.profile));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
