import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrowserContext, chromium, type Page } from 'playwright-core';

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

/** One "device": a persistent Chromium profile, so IndexedDB and the service worker survive reloads and tab closes. */
export interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** `phone` adds what a phone has beyond its size: touch, and the mobile viewport rules. */
export async function openDevice(baseURL?: string, { phone = false } = {}): Promise<Device> {
  const profile = mkdtempSync(join(tmpdir(), 'fieldbook-device-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    baseURL,
    viewport: { width: 390, height: 844 },
    ...(phone ? { hasTouch: true, isMobile: true } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
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
