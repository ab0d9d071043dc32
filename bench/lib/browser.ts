import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrowserContext, chromium, type Page } from 'playwright-core';

import { backendFromAmplifyConfiguration } from '../../src/app/shell/backend-config.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../testing/browser.ts';
import { addCrewMember, type CrewMember, OFFICE } from '../../testing/crew-members.ts';
import { signInSession, type StoredSession } from './accounts.ts';

/** A device whose profile (IndexedDB, service worker, caches) outlives browser restarts, for cold starts. */
export interface BenchDevice {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and starts it again on the same profile, optionally with no network from the start. */
  relaunch(options?: { offline?: boolean }): Promise<void>;
  dispose(): Promise<void>;
}

async function launch(profile: string, offline: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 390, height: 844 },
    offline,
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export async function openBenchDevice(): Promise<BenchDevice> {
  const profile = mkdtempSync(join(tmpdir(), 'fieldbook-bench-device-'));
  const device = { ...(await launch(profile, false)) } as BenchDevice;
  device.relaunch = async (options = {}) => {
    await device.context.close();
    Object.assign(device, await launch(profile, options.offline ?? false));
  };
  device.dispose = async () => {
    await device.context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  return device;
}

/** Waits for a User Timing mark the page sets and returns its time from navigation start (ms). */
export async function waitForMark(page: Page, name: string, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (mark) => performance.getEntriesByName(mark, 'mark')[0]?.startTime ?? false,
    name,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

/** A server as a device reaches it: its address, and its database (to invite the office). */
export interface BenchTarget {
  readonly url: string;
  readonly dbPath: string;
}

/**
 * Puts `session` where Amplify Auth keeps its tokens in a browser (the localStorage of `origin`)
 * before the app's first script runs, unless someone is signed in there already: the device then
 * starts as one on which the office signed in, and no sign-in falls inside a measured interval.
 * A plain script, so the runner's helpers for named functions stay out of the page.
 */
export async function keepSession(context: BrowserContext, origin: string, session: StoredSession): Promise<void> {
  await context.addInitScript(`
    (() => {
      const session = ${JSON.stringify(session)};
      const lastUser = Object.keys(session).find((key) => key.endsWith('.LastAuthUser'));
      if (location.origin !== ${JSON.stringify(new URL(origin).origin)} || !lastUser || localStorage.getItem(lastUser)) return;
      for (const [key, value] of Object.entries(session)) localStorage.setItem(key, value);
    })();
  `);
}

/**
 * A fresh device on which `member` (the office unless said) is signed in: an SRP sign-in with Amplify Auth in Node (each
 * device its own, as refresh tokens rotate), its tokens kept as the browser keeps them. `origin`
 * is where the device opens the app (the server, or a link in front of it).
 */
export async function openSignedInBenchDevice(
  server: BenchTarget,
  origin = server.url,
  member: CrewMember = OFFICE,
): Promise<BenchDevice> {
  const device = await openBenchDevice();
  try {
    await keepSession(device.context, origin, await signInSession(server, member));
    return device;
  } catch (error) {
    await device.dispose();
    throw error;
  }
}

/**
 * A fresh device for the app the server serves: the office signed in when the served
 * amplifyconfiguration.json makes the user pool the API's mode (a project with accounts), as it is
 * otherwise (a build from before accounts, which has no sign-in).
 */
export async function openAppDevice(server: BenchTarget): Promise<BenchDevice> {
  const response = await fetch(`${server.url}/amplifyconfiguration.json`);
  const backend = response.ok ? backendFromAmplifyConfiguration(await response.json()) : undefined;
  return backend?.userPool?.apiDefault ? openSignedInBenchDevice(server) : openBenchDevice();
}

type BenchPage = Window & {
  bench: { start(adapter: 'app' | 'stock', account: { email: string; password: string }): Promise<number> };
};

/**
 * Starts DataStore in the bench page (bench/page/datastore-page.ts, already open) as the office,
 * who signs in with Amplify Auth in the page first; resolves with ms from DataStore's start to ready.
 */
export function startBenchPage(page: Page, server: BenchTarget, adapter: 'app' | 'stock' = 'app'): Promise<number> {
  addCrewMember(server.dbPath, OFFICE);
  const account = { email: OFFICE.email, password: OFFICE.password };
  return page.evaluate(([a, who]) => (window as unknown as BenchPage).bench.start(a, who), [adapter, account] as const);
}
