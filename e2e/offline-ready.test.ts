import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device, openDevice } from '../testing/browser.ts';
import { openSignedInDevice } from '../testing/fieldbook.ts';
import { gate as holdGate } from '../testing/gate.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { type AppRelease, copyOfBuiltApp } from './support/app-release.ts';
import { WriteGate } from './support/write-gate.ts';

const READY = 'Ready to work offline';
const GETTING_READY = 'Getting ready for offline use…';
const NOT_READY_OFFLINE = 'Not ready for offline yet: reconnect for a moment';
/** Fresh profiles for the first visit (~8 s each); OFFLINE_READY_RUNS=n for more while hunting a flake. */
const RUNS = Number(process.env['OFFLINE_READY_RUNS'] ?? 5);

interface Manifest {
  assetGroups: { urls: string[] }[];
}

function manifestUrls(release: AppRelease): string[] {
  const manifest = JSON.parse(readFileSync(join(release.directory, 'ngsw.json'), 'utf8')) as Manifest;
  return manifest.assetGroups.flatMap((group) => group.urls);
}

/**
 * Runs in the page before the app: the first time the status line says ready, it reads Cache
 * Storage on its own (every file of the manifest the test hands over, across all caches) and
 * keeps what was missing then, and it logs every text the status line shows. A plain script: the
 * test runner's transpiler would wrap nested functions in a helper the page lacks.
 */
function statusWatch(urls: readonly string[]): string {
  return `
    window.__offlineStatusLog = [];
    window.__missingWhenReady = undefined;
    new MutationObserver(async () => {
      const line = document.querySelector('fb-offline-readiness-note [role="status"]');
      const text = line ? line.textContent.trim() : '';
      const log = window.__offlineStatusLog;
      if (text === '' || log[log.length - 1] === text) return;
      log.push(text);
      if (text !== ${JSON.stringify(READY)} || window.__missingWhenReady !== undefined) return;
      window.__missingWhenReady = null;
      const missing = [];
      for (const url of ${JSON.stringify(urls)}) if (!(await caches.match(url))) missing.push(url);
      window.__missingWhenReady = missing;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  `;
}

/** The worker as the page sees it, to say why a run stalled. */
function workerState(page: Page): Promise<unknown> {
  return page.evaluate(`Promise.all([
    navigator.serviceWorker.getRegistration().then((r) => r ? r.active?.state + ' ' + !!navigator.serviceWorker.controller : 'none'),
    fetch('/ngsw/state').then((r) => r.text()).then((t) => t.slice(0, 300)),
    caches.keys(),
  ])`);
}

async function within(promise: Promise<void>, ms: number, state: () => Promise<unknown>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([promise, late]);
  clearTimeout(timer);
  if (outcome === 'late') throw new Error(`${what}: not within ${ms} ms; ${JSON.stringify(await state())}`);
}

/**
 * What a first visit shows before anyone signs in: the app's shell, which is what the worker stores.
 * Signing in needs the network anyway; the shell must start offline whatever route was asked for.
 */
const signInPage = (page: Page) => page.getByRole('heading', { name: 'Sign in', level: 1 });

const statusLine = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

async function missingWhenReady(page: Page): Promise<string[]> {
  await page.waitForFunction('Array.isArray(window.__missingWhenReady)');
  return page.evaluate('window.__missingWhenReady') as Promise<string[]>;
}

describe('ready for offline: the app says when it can start with no signal', { timeout: 240_000 }, () => {
  let release: AppRelease;
  let server: ServerProcess;
  let gate: WriteGate;

  before(async () => {
    release = copyOfBuiltApp();
    server = await startServerProcess({ FIELDBOOK_STATIC_DIR: release.directory });
    gate = await WriteGate.start(server.port);
  });

  after(async () => {
    await gate?.stop();
    await server?.dispose();
    release?.dispose();
  });

  it(`first visit, offline at once: not ready; once it says ready, an offline reload and deep link work (${RUNS} runs)`, async () => {
    const urls = manifestUrls(release);
    // The worker stores the manifest's files one after another: holding the last one holds the
    // device just short of ready, whatever the timing.
    const last = urls[urls.length - 1];
    for (let run = 1; run <= RUNS; run++) {
      const held = holdGate();
      gate.holdRequest = (request) => (request === `GET ${last}` ? held.hold() : undefined);
      const device: Device = await openDevice(gate.url);
      const { page, context } = device;
      try {
        await page.addInitScript(statusWatch(urls));
        await page.goto('/jobs');
        await signInPage(page).waitFor();
        await context.setOffline(true);
        await statusLine(page, NOT_READY_OFFLINE).waitFor();

        await context.setOffline(false);
        await statusLine(page, GETTING_READY).waitFor();
        await within(held.arrived, 30_000, () => workerState(page), `run ${run}: the worker asks for ${last}`);
        assert.equal(await statusLine(page, READY).count(), 0, `run ${run}: ready with ${last} not stored`);
        held.open();
        await statusLine(page, READY).waitFor({ timeout: 30_000 });
        assert.deepEqual(await missingWhenReady(page), [], `run ${run}: every file stored when it says ready`);

        await context.setOffline(true);
        await page.reload();
        await signInPage(page).waitFor();
        await statusLine(page, READY).waitFor();
        await page.goto('/dashboard');
        await page.waitForURL(/\/sign-in\?next=%2Fdashboard$/);
        await signInPage(page).waitFor();
        await statusLine(page, READY).waitFor();
        const seen = (await page.evaluate('window.__offlineStatusLog')) as string[];
        assert.deepEqual(seen, [READY], `run ${run}: an offline start says ready at once`);
      } finally {
        held.open();
        await device.close();
      }
    }
  });

  it('a file the worker could not fetch on the first visit is fetched again, and the device gets ready', async () => {
    const last = manifestUrls(release).at(-1);
    // The link drops every request for one of the app's files until the worker has given its version up.
    let dropping = true;
    gate.holdRequest = undefined;
    gate.dropRequest = (request) => dropping && request === `GET ${last}`;
    const device = await openDevice(gate.url);
    const { page } = device;
    try {
      await page.goto('/jobs');
      await signInPage(page).waitFor();
      await page.waitForFunction(async () => {
        const state = await (await fetch('/ngsw/state')).text();
        return /^Driver state: EXISTING_CLIENTS_ONLY/m.test(state);
      });
      assert.equal(await statusLine(page, READY).count(), 0, 'not ready with a file missing');
      dropping = false;
      await statusLine(page, READY).waitFor({ timeout: 30_000 });
    } finally {
      gate.dropRequest = undefined;
      await device.close();
    }
  });

  it('stays ready while an update downloads: the old version starts offline until the new one is stored', async () => {
    gate.holdRequest = undefined;
    // Signed in, as a crew member is when an update arrives: the routes past the sign-in page start offline too.
    const device = await openSignedInDevice(server, { url: gate.url });
    const { page, context } = device;
    try {
      const oldUrls = manifestUrls(release);
      await page.addInitScript(statusWatch(oldUrls));
      await page.goto('/jobs');
      await statusLine(page, READY).waitFor({ timeout: 30_000 });
      assert.deepEqual(await missingWhenReady(page), []);

      release.publishVersionWithNewModels();
      const newFiles = new Set(manifestUrls(release).filter((url) => !oldUrls.includes(url)));
      const held = holdGate();
      gate.holdRequest = (request) => {
        const path = request.replace(/^GET /, '').split('?')[0] ?? '';
        return newFiles.has(path) ? held.hold() : undefined;
      };
      // A navigation makes the worker look for a new version; it starts storing it, held here.
      await page.reload();
      await held.arrived;
      await statusLine(page, READY).waitFor();

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();
      await statusLine(page, READY).waitFor();
      assert.deepEqual(await missingWhenReady(page), [], 'the old version is complete when it says ready');
      await page.goto('/sites/new');
      await page.getByRole('heading', { name: 'New site' }).waitFor();
      await statusLine(page, READY).waitFor();
      assert.deepEqual(await page.evaluate('window.__offlineStatusLog'), [READY]);

      await context.setOffline(false);
      held.open();
      await page.getByRole('region', { name: 'A new version of Fieldbook is ready' }).waitFor({ timeout: 60_000 });
      await statusLine(page, READY).waitFor();
      assert.deepEqual(await page.evaluate('window.__offlineStatusLog'), [READY], 'never unready during the update');
    } finally {
      gate.holdRequest = undefined;
      await device.close();
    }
  });
});
