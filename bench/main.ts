/**
 * `npm run bench`: every benchmark in one go, one table, figures as JSON under bench/results/.
 * `npm run bench -- server` (or `browser`) runs one group; BENCH_SKIP_BUILD=1 reuses dist/.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { BROWSER_PARAMS, browserBenchmarks } from './browser/suite.ts';
import type { Figure } from './lib/figures.ts';
import { table, writeResults } from './lib/report.ts';
import { SERVER_PARAMS, serverBenchmarks } from './server/suite.ts';
import { TABS_PARAMS, tabsBenchmarks } from './tabs/suite.ts';

const GROUPS: Record<string, (log: (line: string) => void) => Promise<Figure[]>> = {
  server: serverBenchmarks,
  browser: browserBenchmarks,
  tabs: tabsBenchmarks,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = requested.filter((name) => !(name in GROUPS));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark group ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`);
  const groups = requested.length > 0 ? requested : Object.keys(GROUPS);
  const started = performance.now();
  const loadBefore = loadavg();
  const log = (line: string) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const figures: Figure[] = [];
  for (const group of groups) figures.push(...(await (GROUPS[group] as (typeof GROUPS)[string])(log)));
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`\n${table(figures)}\n`);
  const file = writeResults(figures, {
    groups,
    totalSeconds,
    loadAverage: { before: loadBefore, after: loadavg() },
    parameters: { server: SERVER_PARAMS, browser: BROWSER_PARAMS, tabs: TABS_PARAMS },
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
