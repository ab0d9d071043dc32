import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import { createJob, eventually, openDeviceWithSite, serverRecords, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

describe('what a device keeps when the tab closes or its storage is full', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let device: Device;

  before(async () => {
    server = await startServerProcess();
    device = await openDeviceWithSite(server, 'Depot');
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
  });

  it('keeps offline changes queued when the tab is closed, and sends them after reopening', async () => {
    const { context } = device;
    await context.setOffline(true);
    await createJob(device.page, 'Written before the tab closed', 'Depot');
    await device.page.close();

    const reopened = await context.newPage();
    await reopened.goto('/jobs');
    await reopened.getByRole('button', { name: /^All/ }).click();
    await reopened.getByText('Written before the tab closed').waitFor();
    assert.equal(await syncBarSays(reopened, /^Offline · /), 'Offline · 1 change saved on this device');

    await context.setOffline(false);
    const jobs = await eventually(
      'the job on the server',
      () => serverRecords(server, 'Job', 'title'),
      (items) => items.length === 1,
    );
    assert.equal(jobs[0]?.['title'], 'Written before the tab closed');
    await syncBarSays(reopened, /^All changes synced/);
  });

  it('tells the user when storage is full, keeps what they typed, and loses nothing saved', async () => {
    // Headless Chromium does not enforce an overridden quota, so the device's IndexedDB is made to
    // refuse writes the way a full disk does: with a QuotaExceededError.
    await device.context.addInitScript(() => {
      for (const method of ['put', 'add'] as const) {
        const original = IDBObjectStore.prototype[method];
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          if ((globalThis as { storageFull?: boolean }).storageFull) {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
          return original.apply(this, args);
        };
      }
    });
    const page = device.context.pages()[0] ?? (await device.context.newPage());
    await page.goto('/jobs');
    await page.getByRole('link', { name: 'New job' }).waitFor();
    try {
      await page.getByRole('link', { name: 'New job' }).click();
      await page.getByRole('heading', { name: 'New job' }).waitFor();
      await page.getByLabel('Title').fill('Does not fit');
      await page.getByLabel('Site').selectOption({ label: 'Depot' });
      await page.evaluate('globalThis.storageFull = true');
      await page.getByRole('button', { name: 'Create job' }).click();

      const alert = page.getByRole('alert').filter({ hasText: 'out of storage space' });
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? '', /Everything saved before is still here/);
      assert.equal(
        await page.getByLabel('Title').inputValue(),
        'Does not fit',
        'what the user typed stays in the form',
      );
    } finally {
      await page.evaluate('globalThis.storageFull = false');
    }
    await page.goto('/jobs');
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByText('Written before the tab closed').waitFor();
  });
});
