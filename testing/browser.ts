import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function chromiumPath(): string {
  const fromEnv = process.env['CHROME_BIN'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error("No Chrome/Chromium found: install Debian's chromium or set CHROME_BIN.");
  return found;
}

/**
 * One "device": a browser context of its own (its own IndexedDB, Cache Storage, service worker and
 * local storage, as a separate profile has), so what it stores survives reloads and tab closes
 * while it is open, and nothing is shared with another device.
 */
export interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Devices are contexts of one Chromium per test process: each launch cost about 4 CPU-seconds in
 * the browser process alone, and a file opens up to a dozen devices. No test reopens a closed
 * device, so only what Chromium keeps from incognito contexts needs a profile on disk.
 */
let browser: Promise<Browser> | undefined;
let openDevices = 0;
let closing: NodeJS.Timeout | undefined;
/** How long the browser outlives its last device, for the next test's device to reuse it. */
const BROWSER_IDLE_MS = 1_000;

function sharedBrowser(): Promise<Browser> {
  clearTimeout(closing);
  browser ??= launchBrowser();
  return browser;
}

/** Headless Chromium as every test and bench device runs it: no sandbox, GPU or background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const LAUNCH = { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS };

function launchBrowser(): Promise<Browser> {
  const launched = chromium.launch(LAUNCH);
  // A failed launch is not kept: the next device tries again.
  launched.catch(() => {
    if (browser === launched) browser = undefined;
  });
  return launched;
}

/** The browser closes once no device has been open for a moment, so the test process can end. */
function deviceClosed(): void {
  if (--openDevices > 0) return;
  closing = setTimeout(() => {
    const closed = browser;
    browser = undefined;
    void closed?.then((instance) => instance.close());
  }, BROWSER_IDLE_MS);
}

/** What a test asks of a device: a phone's traits, or a profile on disk of its own. */
export interface DeviceOptions {
  /** Adds what a phone has beyond its size: touch, and the mobile viewport rules. */
  readonly phone?: boolean;
  /**
   * Its own Chromium on a profile directory, as an installed browser has: Chromium treats a context
   * of a shared browser as incognito, and refuses to call an app installable there.
   */
  readonly profile?: boolean;
}

export async function openDevice(
  baseURL?: string,
  { phone = false, profile = false }: DeviceOptions = {},
): Promise<Device> {
  const options = {
    baseURL,
    viewport: { width: 390, height: 844 },
    ...(phone ? { hasTouch: true, isMobile: true } : {}),
  };
  if (profile) return openProfileDevice(options);
  openDevices++;
  let context: BrowserContext | undefined;
  try {
    context = await (await sharedBrowser()).newContext(options);
    return deviceOf(context, await context.newPage(), deviceClosed);
  } catch (error) {
    await context?.close();
    deviceClosed();
    throw error;
  }
}

async function openProfileDevice(options: BrowserContextOptions): Promise<Device> {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-device-'));
  const context = await chromium.launchPersistentContext(directory, { ...LAUNCH, ...options });
  const page = context.pages()[0] ?? (await context.newPage());
  return deviceOf(context, page, () => rmSync(directory, { recursive: true, force: true }));
}

function deviceOf(context: BrowserContext, page: Page, closed: () => void): Device {
  let open = true;
  return {
    context,
    page,
    newPage: () => context.newPage(),
    async close() {
      if (!open) return;
      open = false;
      try {
        await context.close();
      } finally {
        closed();
      }
    },
  };
}

/** Waits until the Angular service worker controls the page and has finished caching the app. */
export async function waitForServiceWorker(page: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await page.evaluate(async () => {
      if (!navigator.serviceWorker.controller) {
        // No nested functions here: the test runner's transpiler would wrap them in a helper the page lacks.
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration) return 'no controller; not registered';
        const { installing, waiting, active } = registration;
        return `no controller; installing ${installing?.state}, waiting ${waiting?.state}, active ${active?.state}`;
      }
      const state = await fetch('/ngsw/state').then((response) => response.text());
      const cachedIndex = await caches.match('/index.html');
      return state.includes('Driver state: NORMAL') && cachedIndex !== undefined ? 'ready' : state.slice(0, 200);
    });
    if (last === 'ready') return;
    await page.waitForTimeout(250);
  }
  throw new Error(`service worker not ready after ${timeoutMs} ms: ${last}`);
}
