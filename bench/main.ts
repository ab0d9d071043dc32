/**
 * `npm run bench`: every benchmark in one go, one table, figures as JSON under bench/results/.
 * `npm run bench -- server` (or `browser`, `tabs`, `photos`, `ready`) runs one group; `npm run bench -- --only writes` runs
 * one benchmark of the server group (base-sync, writes, fan-out; repeat `--only` for several);
 * `npm run bench -- browser --part big` runs one part of the browser group (first-sync, outbox, big;
 * repeat `--part` for several); BENCH_SKIP_BUILD=1 reuses dist/, BENCH_APP_DIR=<build>/browser serves
 * that build as it is; BENCH_QUICK=1 runs on the smallest data sets, once, and keeps no results.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { CREW_SHARE_PARAMS } from './browser/crew-share.ts';
import { BROWSER_PARAMS, BROWSER_PARTS, browserBenchmarks } from './browser/suite.ts';
import type { Figure } from './lib/figures.ts';
import { QUICK } from './lib/quick.ts';
import { table, writeResults } from './lib/report.ts';
import { PHOTOS_PARAMS, photosBenchmarks } from './photos/suite.ts';
import { READY_PARAMS, readyBenchmarks } from './ready/suite.ts';
import { SERVER_BENCHMARKS, SERVER_PARAMS, serverBenchmarks } from './server/suite.ts';
import { TABS_PARAMS, tabsBenchmarks } from './tabs/suite.ts';

const GROUPS: Record<string, (log: (line: string) => void) => Promise<Figure[]>> = {
  server: serverBenchmarks,
  browser: browserBenchmarks,
  tabs: tabsBenchmarks,
  photos: photosBenchmarks,
  ready: readyBenchmarks,
};

/** The group names and the `--only` benchmark names on the command line. */
function parseArguments(args: readonly string[]): { requested: string[]; only: string[]; parts: string[] } {
  const requested: string[] = [];
  const only: string[] = [];
  const parts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--part') {
      const name = args[++i];
      if (name === undefined) throw new Error('--part needs a part of the browser group');
      parts.push(name);
    } else if (arg === '--only') {
      const name = args[++i];
      if (name === undefined) throw new Error('--only needs a benchmark name');
      only.push(name);
    } else if (arg.startsWith('--only=')) {
      only.push(arg.slice('--only='.length));
    } else if (!arg.startsWith('-')) {
      requested.push(arg);
    }
  }
  return { requested, only, parts };
}

async function main(): Promise<void> {
  const { requested, only, parts } = parseArguments(process.argv.slice(2));
  const unknownParts = parts.filter((name) => !(BROWSER_PARTS as readonly string[]).includes(name));
  if (unknownParts.length > 0)
    throw new Error(`unknown browser part ${unknownParts.join(', ')} (known: ${BROWSER_PARTS.join(', ')})`);
  if (parts.length > 0 && requested.some((name) => name !== 'browser'))
    throw new Error('--part selects parts of the browser group: leave out the other groups');
  const unknown = requested.filter((name) => !(name in GROUPS));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark group ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`);
  const unknownOnly = only.filter((name) => !(SERVER_BENCHMARKS as readonly string[]).includes(name));
  if (unknownOnly.length > 0)
    throw new Error(`unknown benchmark ${unknownOnly.join(', ')} (known: ${SERVER_BENCHMARKS.join(', ')})`);
  if (only.length > 0 && requested.some((name) => name !== 'server'))
    throw new Error('--only selects server benchmarks: leave out the other groups');
  const groups =
    only.length > 0
      ? ['server']
      : parts.length > 0
        ? ['browser']
        : requested.length > 0
          ? requested
          : Object.keys(GROUPS);
  const started = performance.now();
  const loadBefore = loadavg();
  const log = (line: string) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const figures: Figure[] = [];
  for (const group of groups) {
    const run =
      only.length > 0
        ? () => serverBenchmarks(log, new Set(only))
        : parts.length > 0
          ? () => browserBenchmarks(log, new Set(parts))
          : (GROUPS[group] as (typeof GROUPS)[string]);
    figures.push(...(await run(log)));
  }
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`\n${table(figures)}\n`);
  if (QUICK) {
    console.log(
      `${figures.length} figures in ${totalSeconds.toFixed(0)} s (BENCH_QUICK=1: a check that they run, not kept)`,
    );
    return;
  }
  const file = writeResults(figures, {
    groups,
    ...(only.length > 0 ? { only } : {}),
    ...(parts.length > 0 ? { parts } : {}),
    totalSeconds,
    loadAverage: { before: loadBefore, after: loadavg() },
    parameters: {
      server: SERVER_PARAMS,
      browser: { ...BROWSER_PARAMS, crews: CREW_SHARE_PARAMS },
      tabs: TABS_PARAMS,
      photos: PHOTOS_PARAMS,
      ready: READY_PARAMS,
    },
  });
  console.log(
    `${figures.length} figures in ${totalSeconds.toFixed(0)} s, written to ${file} and bench/results/latest.json`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
