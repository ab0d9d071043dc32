import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import { createJob, eventually, openDeviceWithSite, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

const SITE = 'Dam Road Pumping Station';
const TITLE = 'Check the spillway gates';

// A technician clears the phone's data with no signal: the app says what that costs, and an
// empty list afterwards does not pass for a crew with no jobs.
describe('clearing local data while offline', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;

  before(async () => {
    server = await startServerProcess();
    // A profile on disk: as a context of a shared browser, the cleared device showed no empty-list
    // note within 30 s in 2 of 9 runs, a cause not yet found.
    phone = await openDeviceWithSite(server, SITE, { profile: true });
    await createJob(phone.page, TITLE, SITE);
    await syncBarSays(phone.page, /^All changes synced/, 30_000);
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('warns that the jobs are gone until the device reconnects, and the empty list says why', async () => {
    const { page, context } = phone;
    await page.goto('/settings');
    await context.setOffline(true);
    await syncBarSays(page, /^Offline/);

    await page.getByRole('button', { name: 'Clear local data' }).click();
    const confirm = page.getByRole('alertdialog', { name: /Clear everything/ });
    await confirm.getByText(/will have no sites, jobs or notes until it reconnects/).waitFor();
    await confirm.getByRole('button', { name: 'Clear anyway' }).click();

    // The app reloads from its offline copy, with nothing on the device.
    await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    const empty = page.getByRole('region', { name: 'No jobs on this device yet' });
    await empty.getByText(/the crew’s jobs arrive once it is online/).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('link', { name: 'Create the first job' }).count(), 0);
    // Nor do the sites pass for a crew with none, nor the bar for a device holding everything.
    await syncBarSays(page, /^Offline · nothing synced to this device yet$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
    const noSites = page.getByRole('region', { name: 'No sites on this device yet' });
    await noSites.getByText(/the crew’s sites arrive once it is online/).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Add the first site' }).count(), 0);

    await context.setOffline(false);
    await page.getByRole('link', { name: new RegExp(SITE) }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await eventually(
      'the job back from the server',
      () => page.getByRole('link', { name: new RegExp(TITLE) }).count(),
      (count) => count === 1,
      30_000,
    );
  });
});
