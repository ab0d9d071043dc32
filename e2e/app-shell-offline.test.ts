import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { openSignedInDevice } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

describe('installable app shell that starts offline', { timeout: 120_000 }, () => {
  let server: ServerProcess;
  let device: Device;

  before(async () => {
    server = await startServerProcess();
    // A profile on disk: Chromium calls nothing installable in an incognito context.
    device = await openSignedInDevice(server, { profile: true });
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
  });

  it('installs the service worker on the first online visit and lets it control the page', async () => {
    const { page } = device;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();
    // A page that navigates while the worker is still installing can miss its claim, as a user's would;
    // every navigation after activation is controlled.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await waitForServiceWorker(page);

    const controlled = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
    assert.equal(controlled, `${server.url}/ngsw-worker.js`);
  });

  it('starts from the cache with no network, also from a deep link', async () => {
    const { page, context } = device;
    await context.setOffline(true);
    try {
      // Routes never visited online come from the cache too: every lazy chunk is prefetched.
      await page.goto('/sites/new');
      await page.getByRole('heading', { name: 'New site' }).waitFor();
      await page.goto('/dashboard');
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.goto('/sites');
      await page.getByRole('heading', { name: 'Sites', exact: true }).waitFor();
      assert.equal(await page.evaluate(() => navigator.onLine), false);
    } finally {
      await context.setOffline(false);
    }
  });

  it('serves a valid web manifest and meets Chromium’s installability criteria', async () => {
    const { page, context } = device;
    await page.goto('/');
    await waitForServiceWorker(page);
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      const response = await fetch(link?.href ?? '');
      return (await response.json()) as {
        name: string;
        short_name: string;
        start_url: string;
        display: string;
        theme_color: string;
        icons: { sizes: string; purpose?: string }[];
      };
    });
    assert.equal(manifest.name, 'Fieldbook');
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((icon) => icon.sizes === '192x192'));
    assert.ok(manifest.icons.some((icon) => icon.sizes === '512x512' && icon.purpose === 'maskable'));

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    assert.deepEqual(installabilityErrors, []);
  });
});
