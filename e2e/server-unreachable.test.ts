import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { createSite, eventually, openSignedInDevice, serverRecords, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

// The device is online but the sync server is down: the sync bar must say so, not "Syncing…".
describe('the sync server is down while the device is online', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let device: Device;

  before(async () => {
    server = await startServerProcess();
    device = await openSignedInDevice(server);
    await device.page.goto('/jobs');
    await waitForServiceWorker(device.page);
    await syncBarSays(device.page, /All changes synced|Not synced yet/);
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
  });

  it('says within seconds that the server cannot be reached, keeps the work, and syncs it when the server is back', async () => {
    const { page } = device;
    await server.stop();
    // The app starts again (from its service worker) with the server gone.
    await page.reload();
    const started = Date.now();
    const text = await syncBarSays(page, /Cannot reach the sync server yet/, 20_000);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
    assert.match(text, /everything is saved on this device|saved on this device/);

    await createSite(page, 'Made while the server was down');
    await syncBarSays(page, /Cannot reach the sync server yet · 1 change saved on this device/, 20_000);

    await server.restart();
    await eventually(
      'the site made while the server was down on the server',
      () => serverRecords(server, 'Site', 'name'),
      (sites) => sites.some((site) => site['name'] === 'Made while the server was down'),
      90_000,
    );
    // The server answers again: the bar stops saying it cannot be reached.
    await syncBarSays(page, /^(?!Cannot reach)/, 30_000);
  });
});
