import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import type { Page, Response } from 'playwright-core';

import { waitForServiceWorker } from '../../testing/browser.ts';
import {
  type BenchTarget,
  openBenchDevice,
  openSignedInBenchDevice,
  startBenchPage,
  waitForMark,
} from '../lib/browser.ts';
import { asStored, type JobFields, makeJobs, makeSites, type SiteFields } from '../lib/data.ts';
import { type Figure, meets } from '../lib/figures.ts';
import { sized } from '../lib/quick.ts';
import { startSeededServer } from '../lib/server.ts';
import { median, percentile, repeat, sleep } from '../lib/stats.ts';
import { crewShareBenchmarks } from './crew-share.ts';
import { countDataStoreRows, timeListChange, watchFirstJobCard, writeFloor } from './in-page.ts';
import { startPouchServer } from './pouch-server.ts';
import { prepareStatic, type StaticFiles } from './static.ts';

export const BROWSER_PARAMS = sized(
  {
    jobs: 10_000,
    sites: 200,
    /** A big device: first sync, cold start, own write and the jobs list at this many jobs. */
    bigJobs: 50_000,
    runs: 3,
    outboxEdits: 1_000,
    ownWriteSamples: 20,
    pouchBatchSize: 1_000,
  },
  { jobs: 200, sites: 20, bigJobs: 400, runs: 1, outboxEdits: 20, ownWriteSamples: 5, pouchBatchSize: 100 },
);

/**
 * `npm run bench -- browser --part outbox`: first-sync (10,000 jobs), outbox, big (50,000 jobs), crews
 * (a crew's share of 100,000 jobs against the office's whole).
 */
export const BROWSER_PARTS = ['first-sync', 'outbox', 'big', 'crews'] as const;

type Bench = Window & {
  bench: {
    jobIds(limit: number): Promise<string[]>;
    editAll(ids: string[], label: string): Promise<{ totalMs: number; saveMs: number[] }>;
    serialMutations(ids: string[], label: string): Promise<number>;
    waitForDrain(count: number, timeoutMs: number): Promise<number>;
    now(): number;
    ownWriteLatency(samples: number, label: string): Promise<number[]>;
  };
  drained?: Promise<number>;
  firstJobCardAt?: number;
  replicate(remote: string, batchSize: number): Promise<{ ms: number; docs: number }>;
};

async function scriptBytes(
  page: Page,
  run: () => Promise<void>,
): Promise<{ raw: number; gzip: number; files: number }> {
  const bodies: Promise<Buffer>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === 'script' && response.ok()) bodies.push(response.body());
  };
  page.on('response', onResponse);
  try {
    await run();
  } finally {
    page.off('response', onResponse);
  }
  const buffers = await Promise.all(bodies);
  return {
    raw: buffers.reduce((sum, b) => sum + b.length, 0),
    gzip: buffers.reduce((sum, b) => sum + gzipSync(b, { level: 6 }).length, 0),
    files: buffers.length,
  };
}

export async function browserBenchmarks(
  log: (line: string) => void,
  parts: ReadonlySet<string> = new Set(BROWSER_PARTS),
): Promise<Figure[]> {
  const p = BROWSER_PARAMS;
  const statics = await prepareStatic(log);
  const sites = makeSites(p.sites);
  const figures: Figure[] = [];
  if (parts.has('first-sync') || parts.has('outbox')) {
    const jobs = makeJobs(p.jobs, sites);
    log(`browser: server with ${p.jobs} jobs and ${p.sites} sites`);
    const server = await startSeededServer({ sites, jobs }, { FIELDBOOK_STATIC_DIR: statics.appDir });
    try {
      if (parts.has('first-sync')) {
        const app = await appFirstSyncs(server, { sites, jobs }, p.runs, log);
        const adapters = await adapterFirstSyncs(server, log);
        const pouch = await pouchReplications({ sites, jobs }, p.runs, statics, log);
        figures.push(...app, ...adapters, ...pouch, versusPouch(app, pouch, p.jobs));
      }
      if (parts.has('outbox')) figures.push(...(await outboxAndOwnWrites(server, p.jobs, log)));
    } finally {
      await server.dispose();
    }
  }
  if (parts.has('big')) {
    const jobs = makeJobs(p.bigJobs, sites, 'big-job');
    log(`browser: server with ${p.bigJobs} jobs and ${p.sites} sites`);
    const server = await startSeededServer({ sites, jobs }, { FIELDBOOK_STATIC_DIR: statics.appDir });
    try {
      const app = await appFirstSyncs(server, { sites, jobs }, 1, log);
      const pouch = await pouchReplications({ sites, jobs }, 1, statics, log);
      figures.push(...app, ...pouch, versusPouch(app, pouch, p.bigJobs));
      figures.push(...(await outboxAndOwnWrites(server, p.bigJobs, log, { ownWritesOnly: true })));
    } finally {
      await server.dispose();
    }
  }
  if (parts.has('crews')) figures.push(...(await crewShareBenchmarks(statics, log)));
  return figures;
}

const count = (n: number) => n.toLocaleString('en');

/** The app's first sync (the first of `app`) over PouchDB's replication (the first of `pouch`). */
function versusPouch(app: Figure[], pouch: Figure[], jobs: number): Figure {
  const ratio = (app[0]?.value ?? Number.NaN) / (pouch[0]?.value ?? Number.NaN);
  return {
    group: 'browser',
    name: `first sync, ${count(jobs)} jobs: DataStore ÷ PouchDB`,
    value: ratio,
    unit: '×',
    runs: [],
    ratio: { to: 'PouchDB', value: ratio },
    target: { op: '<', value: 1, unit: '× PouchDB', met: meets(ratio, '<', 1) },
  };
}

/**
 * The app's own first sync on fresh devices on which the office has signed in (navigation to /jobs,
 * DataStore start → ready), the IndexedDB floor in the same page right after, and, on the first
 * device, offline cold starts (still signed in) and the jobs list at work over everything it synced.
 */
async function appFirstSyncs(
  server: BenchTarget,
  data: { sites: SiteFields[]; jobs: JobFields[] },
  runs: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const total = data.jobs.length;
  const floorRecords = { sites: asStored(data.sites), jobs: asStored(data.jobs) };
  const firstSyncs: { startToReady: number; navToReady: number; floor: number; rows: number }[] = [];
  let bundle = { raw: 0, gzip: 0, files: 0 };
  let coldStarts: number[] = [];
  let list: Figure[] = [];
  for (let run = 0; run < runs; run++) {
    log(`browser: first sync of ${total} jobs, run ${run + 1}/${runs}`);
    const device = await openSignedInBenchDevice(server);
    try {
      const { page } = device;
      let startAt = 0;
      let readyAt = 0;
      const measured = await scriptBytes(page, async () => {
        await page.goto(`${server.url}/jobs`);
        // A build without the marks (older than start-sync.ts's) fails here, not after minutes.
        startAt = await waitForMark(page, 'fieldbook:datastore-start', 30_000);
        readyAt = await waitForMark(page, 'fieldbook:datastore-ready', 900_000);
      });
      if (run === 0) bundle = measured;
      const rows = await page.evaluate(countDataStoreRows, 'Job');
      if (rows !== total) throw new Error(`first sync: ${rows} jobs on the device, expected ${total}`);
      const floor = await page.evaluate(writeFloor, floorRecords);
      firstSyncs.push({ startToReady: readyAt - startAt, navToReady: readyAt, floor, rows });
      if (run === 0) {
        list = await jobsListAtWork(page, total, log);
        coldStarts = await offlineColdStarts(device, server.url, BROWSER_PARAMS.runs, log);
      }
    } finally {
      await device.dispose();
    }
  }
  const syncMs = median(firstSyncs.map((s) => s.startToReady));
  const floorMs = median(firstSyncs.map((s) => s.floor));
  const coldTarget = total > 10_000 ? 2_000 : 1_500;
  const figures: Figure[] = [
    {
      group: 'browser',
      name: `first sync, ${count(total)} jobs + ${BROWSER_PARAMS.sites} sites: DataStore start → ready`,
      value: syncMs,
      unit: 'ms',
      runs: firstSyncs.map((s) => s.startToReady),
      ratio: { to: 'IndexedDB floor', value: syncMs / floorMs },
      target: { op: '<', value: 2, unit: '× floor', met: meets(syncMs / floorMs, '<', 2) },
      note: `navigation → ready ${median(firstSyncs.map((s) => s.navToReady)).toFixed(0)} ms${runs === 1 ? '; one run' : ''}`,
    },
    {
      group: 'browser',
      name: `IndexedDB floor, ${count(total)} jobs: same records, batched transactions, same page`,
      value: floorMs,
      unit: 'ms',
      runs: firstSyncs.map((s) => s.floor),
    },
    {
      group: 'browser',
      name: `offline cold start (service worker) → first job rendered, ${count(total)} jobs stored`,
      value: median(coldStarts),
      unit: 'ms',
      runs: coldStarts,
      target: { op: '<', value: coldTarget, unit: 'ms', met: meets(median(coldStarts), '<', coldTarget) },
      note: 'browser relaunched offline each run, the office signed in',
    },
    ...list,
  ];
  if (total === BROWSER_PARAMS.jobs) {
    figures.push({
      group: 'browser',
      name: 'initial JavaScript for the first route (/jobs), gzip',
      value: bundle.gzip / 1024,
      unit: 'KiB',
      runs: [bundle.gzip / 1024],
      note: `${bundle.files} files, ${(bundle.raw / 1024).toFixed(0)} KiB uncompressed`,
    });
  }
  return figures;
}

/** The same documents replicated with PouchDB into IndexedDB, in a fresh page; `first sync ÷ PouchDB` follows. */
async function pouchReplications(
  data: { sites: SiteFields[]; jobs: JobFields[] },
  runs: number,
  statics: StaticFiles,
  log: (line: string) => void,
): Promise<Figure[]> {
  const p = BROWSER_PARAMS;
  log(`browser: PouchDB replication of the same ${data.jobs.length + data.sites.length} documents`);
  // CouchDB reserves fields starting with `_`: the same metadata travels under plain names.
  const docs = [...asStored(data.sites), ...asStored(data.jobs)].map(
    ({ id, _version, _lastChangedAt, _deleted, ...rest }) => ({
      _id: id,
      ...rest,
      version: _version,
      lastChangedAt: _lastChangedAt,
      deleted: _deleted,
    }),
  );
  const pouch = await startPouchServer(docs, statics.pouchHtml, statics.pouchScript);
  let pouchRuns: number[];
  try {
    const device = await openBenchDevice();
    try {
      await device.page.goto(`${pouch.url}/bench/pouch.html`);
      pouchRuns = await repeat(runs, async () => {
        const result = await device.page.evaluate(
          ([remote, batch]) => (window as unknown as Bench).replicate(remote, batch),
          [`${pouch.url}/db/jobs`, p.pouchBatchSize] as const,
        );
        if (result.docs !== docs.length) throw new Error(`PouchDB replicated ${result.docs} of ${docs.length} docs`);
        return result.ms;
      });
    } finally {
      await device.dispose();
    }
  } finally {
    await pouch.close();
  }
  return [
    {
      group: 'browser',
      name: `PouchDB 9 replicate.from express-pouchdb (batch ${p.pouchBatchSize}), ${count(data.jobs.length)} jobs`,
      value: median(pouchRuns),
      unit: 'ms',
      runs: pouchRuns,
      ...(runs === 1 ? { note: 'one run' } : {}),
    },
  ];
}

/** The jobs list over every job on the device: search and a status filter, on and off, 3 times each. */
async function jobsListAtWork(page: Page, total: number, log: (line: string) => void): Promise<Figure[]> {
  log(`browser: jobs list search and filter over ${total} jobs`);
  await page.locator('.job-card').first().waitFor({ timeout: 120_000 });
  await page.locator('.list-count', { hasText: ` of ${total} jobs` }).waitFor({ timeout: 120_000 });
  const times: Record<'search' | 'clear' | 'filter' | 'unfilter', number[]> = {
    search: [],
    clear: [],
    filter: [],
    unfilter: [],
  };
  for (let run = 0; run < BROWSER_PARAMS.runs; run++) {
    times.search.push(await page.evaluate(timeListChange, { search: 'pump' }));
    times.clear.push(await page.evaluate(timeListChange, { search: '' }));
    times.filter.push(await page.evaluate(timeListChange, { statusChip: 'Done' }));
    times.unfilter.push(await page.evaluate(timeListChange, { statusChip: 'Done' }));
  }
  const figure = (name: string, runs: number[]): Figure => ({
    group: 'browser',
    name: `jobs list, ${count(total)} jobs: ${name} → list updated`,
    value: median(runs),
    unit: 'ms',
    runs,
    note: 'input event or click → the "N of M jobs" line changes (filter, sort and render)',
  });
  return [
    figure('search typed ("pump")', times.search),
    figure('search cleared', times.clear),
    figure('status filter on', times.filter),
    figure('status filter off', times.unfilter),
  ];
}

/** Offline cold starts: the browser is closed and relaunched with no network, then opens /jobs. */
async function offlineColdStarts(
  device: Awaited<ReturnType<typeof openBenchDevice>>,
  url: string,
  runs: number,
  log: (line: string) => void,
) {
  log('browser: offline cold starts');
  await device.page.reload();
  await waitForServiceWorker(device.page, 60_000);
  await device.page.locator('.job-card').first().waitFor({ timeout: 60_000 });
  return repeat(runs, async () => {
    await device.relaunch({ offline: true });
    await device.context.addInitScript(watchFirstJobCard);
    await device.page.goto(`${url}/jobs`);
    const handle = await device.page.waitForFunction(
      () => (window as unknown as Bench).firstJobCardAt ?? false,
      undefined,
      {
        timeout: 60_000,
        polling: 50,
      },
    );
    return (await handle.jsonValue()) as number;
  });
}

/**
 * First sync on the app's storage adapter and on DataStore's own, alternating fresh devices in one
 * run, in the bench page (same DataStore configuration, no UI, signed in before DataStore starts).
 */
async function adapterFirstSyncs(server: BenchTarget, log: (line: string) => void): Promise<Figure[]> {
  const p = BROWSER_PARAMS;
  const times: Record<'app' | 'stock', number[]> = { app: [], stock: [] };
  for (let run = 0; run < p.runs; run++) {
    for (const adapter of ['stock', 'app'] as const) {
      log(`browser: bench page first sync of ${p.jobs} jobs on the ${adapter} adapter, run ${run + 1}/${p.runs}`);
      const device = await openBenchDevice();
      try {
        await device.page.goto(`${server.url}/bench/datastore.html`);
        times[adapter].push(await startBenchPage(device.page, server, adapter));
        const rows = await device.page.evaluate(countDataStoreRows, 'Job');
        if (rows !== p.jobs) throw new Error(`${adapter} adapter: ${rows} jobs on the device, expected ${p.jobs}`);
      } finally {
        await device.dispose();
      }
    }
  }
  const [app, stock] = [median(times.app), median(times.stock)];
  return [
    {
      group: 'browser',
      name: `first sync, ${p.jobs.toLocaleString('en')} jobs, bench page: DataStore's IndexedDB adapter`,
      value: stock,
      unit: 'ms',
      runs: times.stock,
    },
    {
      group: 'browser',
      name: `first sync, ${p.jobs.toLocaleString('en')} jobs, bench page: the app's adapter`,
      value: app,
      unit: 'ms',
      runs: times.app,
      ratio: { to: "DataStore's adapter", value: app / stock },
    },
  ];
}

/**
 * In the bench page after a first sync of `jobs`: the outbox drain of offline edits against the same
 * mutations sent one by one with fetch (alternating, run by run), the offline saves' own latency,
 * and own writes showing in the live jobs list.
 */
async function outboxAndOwnWrites(
  server: BenchTarget,
  jobs: number,
  log: (line: string) => void,
  options: { ownWritesOnly?: boolean } = {},
): Promise<Figure[]> {
  const p = BROWSER_PARAMS;
  const device = await openBenchDevice();
  try {
    const { page, context } = device;
    await page.goto(`${server.url}/bench/datastore.html`);
    log(`browser: bench page first sync of ${jobs} jobs (DataStore with the app configuration)`);
    const syncMs = await startBenchPage(page, server);
    const figures: Figure[] = [];
    if (!options.ownWritesOnly) figures.push(...(await outboxDrains(device, log)));
    else {
      figures.push({
        group: 'browser',
        name: `first sync, ${count(jobs)} jobs, bench page (app's adapter)`,
        value: syncMs,
        unit: 'ms',
        runs: [syncMs],
        note: 'one run',
      });
    }
    const own: Record<'online' | 'offline', { p50: number[]; p95: number[] }> = {
      online: { p50: [], p95: [] },
      offline: { p50: [], p95: [] },
    };
    for (const mode of ['online', 'offline'] as const) {
      log(`browser: own write visible in the live jobs list (${jobs} rows), ${mode}`);
      await context.setOffline(mode === 'offline');
      await sleep(500);
      for (let run = 0; run < p.runs; run++) {
        const started = performance.now();
        const latencies = await page.evaluate(
          ([samples, label]) => (window as unknown as Bench).bench.ownWriteLatency(samples, label),
          [p.ownWriteSamples, `${mode} ${run}`] as const,
        );
        own[mode].p50.push(percentile(latencies, 50));
        own[mode].p95.push(percentile(latencies, 95));
        if (performance.now() - started > 120_000) break;
      }
    }
    await context.setOffline(false);
    for (const mode of ['online', 'offline'] as const) {
      figures.push(
        {
          group: 'browser',
          name: `own write visible in the live jobs list (${count(jobs)} rows), ${mode}: p50`,
          value: median(own[mode].p50),
          unit: 'ms',
          runs: own[mode].p50,
        },
        {
          group: 'browser',
          name: `own write visible in the live jobs list (${count(jobs)} rows), ${mode}: p95`,
          value: median(own[mode].p95),
          unit: 'ms',
          runs: own[mode].p95,
          target: { op: '<', value: 50, unit: 'ms', met: meets(median(own[mode].p95), '<', 50) },
        },
      );
    }
    return figures;
  } finally {
    await device.dispose();
  }
}

/** Offline edits, then reconnect → drained; then the same edits as plain serial fetches; `runs` times. */
async function outboxDrains(device: Awaited<ReturnType<typeof openBenchDevice>>, log: (line: string) => void) {
  const p = BROWSER_PARAMS;
  const { page, context } = device;
  const ids = await page.evaluate((n) => (window as unknown as Bench).bench.jobIds(n), p.outboxEdits);
  const drains: number[] = [];
  const floors: number[] = [];
  const enqueues: number[] = [];
  const saves: { p50: number[]; p95: number[] } = { p50: [], p95: [] };
  for (let run = 0; run < p.runs; run++) {
    log(`browser: outbox drain of ${p.outboxEdits} offline edits, run ${run + 1}/${p.runs}`);
    await context.setOffline(true);
    await sleep(500);
    const edits = await page.evaluate(([list, label]) => (window as unknown as Bench).bench.editAll(list, label), [
      ids,
      `offline edit ${run}`,
    ] as const);
    enqueues.push(edits.totalMs);
    saves.p50.push(percentile(edits.saveMs, 50));
    saves.p95.push(percentile(edits.saveMs, 95));
    await page.evaluate((n) => {
      const w = window as unknown as Bench;
      w.drained = w.bench.waitForDrain(n, 600_000);
    }, p.outboxEdits);
    const online = await page.evaluate(() => (window as unknown as Bench).bench.now());
    await context.setOffline(false);
    const drained = await page.evaluate(() => (window as unknown as Bench).drained as Promise<number>);
    drains.push(drained - online);
    await sleep(500);
    log(`browser: the same ${p.outboxEdits} mutations sent one by one with fetch, run ${run + 1}/${p.runs}`);
    floors.push(
      await page.evaluate(([list, label]) => (window as unknown as Bench).bench.serialMutations(list, label), [
        ids,
        `serial edit ${run}`,
      ] as const),
    );
    // The server's echo of those writes reaches the device (subscriptions) before the next run.
    await sleep(2_000);
  }
  const drainMs = median(drains);
  const floorMs = median(floors);
  return [
    {
      group: 'browser',
      name: `outbox drain: ${count(p.outboxEdits)} offline edits, reconnect → all acknowledged`,
      value: drainMs,
      unit: 'ms',
      runs: drains,
      ratio: { to: 'serial network floor', value: drainMs / floorMs },
      target: { op: '<', value: 2, unit: '× floor', met: meets(drainMs / floorMs, '<', 2) },
      note: `making the edits offline took ${median(enqueues).toFixed(0)} ms`,
    },
    {
      group: 'browser',
      name: `serial network floor: the same ${count(p.outboxEdits)} updateJob mutations, one by one with fetch`,
      value: floorMs,
      unit: 'ms',
      runs: floors,
    },
    {
      group: 'browser',
      name: 'offline save (DataStore.save of an edited job → resolved): p50',
      value: median(saves.p50),
      unit: 'ms',
      runs: saves.p50,
    },
    {
      group: 'browser',
      name: 'offline save (DataStore.save of an edited job → resolved): p95',
      value: median(saves.p95),
      unit: 'ms',
      runs: saves.p95,
      target: { op: '<', value: 10, unit: 'ms', met: meets(median(saves.p95), '<', 10) },
      note: `${count(p.outboxEdits)} saves one after another per run`,
    },
  ] satisfies Figure[];
}
