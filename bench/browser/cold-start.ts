/**
 * Offline cold starts of one or more app builds, taken in turns run by run so that builds compare
 * side by side under the same load. Not part of `npm run bench`.
 *
 *   npx tsx bench/browser/cold-start.ts [--jobs 10000] [--runs 5] <build>/browser[=<checkout>] …
 *
 * Each build gets a server of its own (same records), this checkout's unless `=<checkout>` names
 * another whose server and amplify/ project go with that build (one from before accounts), and a
 * device that syncs every job (the office signed in where the project has accounts), installs the
 * service worker, and is then relaunched with no network for each run: time from navigation start
 * to the first job card, with the page's timeline (script loaded, the app's marks).
 */
import { pathToFileURL } from 'node:url';

import type { BrowserContext, Page } from 'playwright-core';

import { waitForServiceWorker } from '../../testing/browser.ts';
import { type BenchDevice, type BenchTarget, openAppDevice } from '../lib/browser.ts';
import { makeJobs, makeSites } from '../lib/data.ts';
import { startSeededServer } from '../lib/server.ts';
import { median, sleep } from '../lib/stats.ts';
import { countDataStoreRows, watchFirstJobCard } from './in-page.ts';

type Watched = Window & { firstJobCardAt?: number };

/** One offline start: ms from navigation start, for the first job card and the page's milestones. */
export interface ColdStart {
  readonly firstCard: number;
  readonly timeline: Readonly<Record<string, number>>;
}

/**
 * Opens /jobs on a fresh device (the office signed in, where the project has accounts) and waits
 * until every job is stored, the service worker serves the app and a card shows.
 */
export async function syncedDevice(
  server: BenchTarget,
  total: number,
  log: (line: string) => void,
): Promise<BenchDevice> {
  const { url } = server;
  const device = await openAppDevice(server);
  try {
    const { page } = device;
    await page.goto(`${url}/jobs`);
    // The database exists once a card shows; counting before that would create it empty.
    await page.locator('.job-card').first().waitFor({ timeout: 300_000 });
    const deadline = Date.now() + 1_800_000;
    let rows = 0;
    while ((rows = await page.evaluate(countDataStoreRows, 'Job')) < total) {
      if (Date.now() > deadline) throw new Error(`first sync: ${rows} of ${total} jobs after 30 min`);
      await sleep(2_000);
    }
    log(`${url}: ${rows} jobs on the device`);
    await page.reload();
    await waitForServiceWorker(page, 120_000);
    await page.locator('.job-card').first().waitFor({ timeout: 120_000 });
    // The reload's DataStore catches up with the server; let it settle before the browser closes.
    await sleep(3_000);
    return device;
  } catch (error) {
    await device.dispose();
    throw error;
  }
}

/**
 * Relaunches the device's browser with no network and opens /jobs. `around` runs just before the
 * navigation and its returned function once the first card is in (a profiler, for one).
 */
export async function offlineColdStart(
  device: BenchDevice,
  url: string,
  around?: (page: Page, context: BrowserContext) => Promise<() => Promise<void>>,
): Promise<ColdStart> {
  await device.relaunch({ offline: true });
  await device.context.addInitScript(watchFirstJobCard);
  const after = await around?.(device.page, device.context);
  await device.page.goto(`${url}/jobs`);
  const handle = await device.page.waitForFunction(() => (window as Watched).firstJobCardAt ?? false, undefined, {
    timeout: 120_000,
    polling: 20,
  });
  const firstCard = (await handle.jsonValue()) as number;
  await after?.();
  const timeline = await device.page.evaluate(() => {
    const at: Record<string, number> = {};
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (navigation) {
      at['html received'] = navigation.responseEnd;
      at['DOMContentLoaded'] = navigation.domContentLoadedEventEnd;
    }
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const file = entry.name.split('/').pop() ?? '';
      if (/^main-.*\.js$/.test(file)) at['main.js received'] = entry.responseEnd;
    }
    for (const mark of performance.getEntriesByType('mark')) at[mark.name] = mark.startTime;
    return at;
  });
  return { firstCard, timeline };
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const jobs = option('jobs', 10_000);
  const runs = option('runs', 5);
  const builds = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (builds.length === 0) throw new Error('name at least one build folder (<output-path>/browser)');
  const log = (line: string) => console.log(line);
  const sites = makeSites(200);
  const data = { sites, jobs: makeJobs(jobs, sites) };
  const devices: { build: string; url: string; device: BenchDevice; dispose: () => Promise<unknown> }[] = [];
  try {
    for (const argument of builds) {
      const [build = argument, root] = argument.split('=');
      const server = await startSeededServer(data, { FIELDBOOK_STATIC_DIR: build }, root ? { root } : {});
      log(`${build}: first sync of ${jobs} jobs`);
      const device = await syncedDevice(server, jobs, log).catch(async (error: unknown) => {
        await server.dispose();
        throw error;
      });
      await device.context.close();
      devices.push({
        build: argument,
        url: server.url,
        device,
        dispose: () => device.dispose().then(() => server.dispose()),
      });
    }
    const times = new Map<string, number[]>(builds.map((build) => [build, []]));
    for (let run = 0; run < runs; run++) {
      // Turns alternate in order (A B, B A, …) so neither build always follows the other.
      const order = run % 2 === 0 ? devices : [...devices].reverse();
      for (const { build, url, device } of order) {
        const start = await offlineColdStart(device, url);
        await device.context.close();
        times.get(build)?.push(start.firstCard);
        const steps = Object.entries(start.timeline)
          .sort((a, b) => a[1] - b[1])
          .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
          .join(', ');
        log(`run ${run + 1} ${build}: first card ${start.firstCard.toFixed(0)} ms (${steps})`);
      }
    }
    const base = median(times.get(builds[0] as string) ?? []);
    for (const build of builds) {
      const value = median(times.get(build) ?? []);
      log(`${build}: median ${value.toFixed(0)} ms, ${(value / base).toFixed(2)}× the first build`);
    }
  } finally {
    for (const { dispose } of devices) await dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
