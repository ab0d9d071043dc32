import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import { createJob, eventually, openDeviceWithSite, serverRecords, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { type AppRelease, copyOfBuiltApp } from './support/app-release.ts';
import { WriteGate } from './support/write-gate.ts';

// A release that changes the data models makes DataStore wipe the device's database, outbox
// included. Changes still waiting to sync must survive it.
describe('an app update while changes wait to sync', { timeout: 180_000 }, () => {
  let release: AppRelease;
  let server: ServerProcess;
  let device: Device;
  let gate: WriteGate;

  before(async () => {
    release = copyOfBuiltApp();
    server = await startServerProcess({ FIELDBOOK_STATIC_DIR: release.directory });
    gate = await WriteGate.start(server.port);
    device = await openDeviceWithSite(server, 'Depot', { url: gate.url });
  });

  after(async () => {
    await device?.close();
    await gate?.stop();
    await server?.dispose();
    release?.dispose();
  });

  it('waits for the sync, and reopening into the new version still delivers the queued change', async () => {
    const { page, context } = device;
    await context.setOffline(true);
    await createJob(page, 'Queued before the update', 'Depot');
    await syncBarSays(page, /^Offline · 1 change saved on this device$/);

    // Back online, the device can read and fetch the new version, but its write does not get through.
    gate.closed = true;
    release.publishVersionWithNewModels();
    await context.setOffline(false);
    await page.reload();

    const banner = page.getByRole('region', { name: 'A new version of Fieldbook is ready' });
    await banner.waitFor({ timeout: 60_000 });
    await eventually(
      'the banner to say the update waits for the pending change',
      async () => (await banner.textContent()) ?? '',
      (text) => /1 change is saved only here, so it will wait/.test(text),
    );
    assert.deepEqual(await serverRecords(server, 'Job', 'title'), []);

    // Closing the app and opening it again brings the new version in: DataStore then wipes the
    // database it was started with.
    await page.close();
    const reopened = await context.newPage();
    await reopened.goto('/conflicts');
    await reopened.getByRole('article').filter({ hasText: 'Queued before the update' }).waitFor({ timeout: 30_000 });

    gate.closed = false;
    const jobs = await eventually(
      'the queued job on the server',
      () => serverRecords(server, 'Job', 'title'),
      (items) => items.length === 1,
      90_000,
    );
    assert.equal(jobs[0]?.['title'], 'Queued before the update');
    await reopened.goto('/jobs');
    await reopened.getByRole('button', { name: /^All/ }).click();
    await reopened.getByText('Queued before the update').waitFor({ timeout: 30_000 });
  });
});
