import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrowserContext, chromium, type Page } from 'playwright-core';

import { chromiumPath } from '../../testing/browser.ts';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
    args: ARGS,
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
