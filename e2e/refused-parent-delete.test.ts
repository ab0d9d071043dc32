import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import {
  createJob,
  editSiteOnServer,
  eventually,
  openDeviceWithSite,
  serverRecords,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

/**
 * An office user adds two jobs to a site offline, then deletes the site, while someone else changes it
 * on the server. Deleting the site took the jobs with it on the device, the second before it was
 * ever sent; the server refuses the stale delete (Optimistic Concurrency). The review must name the
 * jobs and bring them back when the user keeps the site.
 */
describe('a refused site delete keeps the jobs it took with it', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let siteId = '';

  before(async () => {
    server = await startServerProcess();
    phone = await openDeviceWithSite(server, 'Mill Road depot');
    siteId = new URL(phone.page.url()).pathname.split('/').at(-1) ?? '';
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('lists the jobs added offline under the refused delete, and keeping the site brings it back', async () => {
    const { page, context } = phone;
    await context.setOffline(true);
    // The first waits at the head of the outbox, on its way to the server; the second waits behind it.
    await createJob(page, 'Check the sluice gate', 'Mill Road depot');
    await createJob(page, 'Clear the weir screen', 'Mill Road depot');
    await page.goto(`/sites/${siteId}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete site' }).click();
    await page.waitForURL(/\/sites$/);
    await syncBarSays(page, /^Offline · \d+ changes? saved on this device$/);

    await editSiteOnServer(server, siteId, { contactName: 'Mara (gate)' }, 1);
    await context.setOffline(false);

    const conflictsLink = page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ });
    await conflictsLink.waitFor({ timeout: 30_000 });
    await conflictsLink.click();
    const card = page.getByRole('article', { name: 'Site “Mill Road depot”' });
    assert.match(
      (await card.textContent()) ?? '',
      /2 jobs \(1 you added, never sent\) were removed with it on this device/,
    );
    const removed = card.getByRole('list', { name: 'Removed with it on this device' });
    assert.deepEqual((await removed.getByRole('listitem').allTextContents()).sort(), [
      'Check the sluice gate',
      'Clear the weir screen',
    ]);
    const titles = (jobs: Record<string, unknown>[]) =>
      jobs.filter((job) => !job['_deleted']).map((job) => job['title']);
    assert.deepEqual(titles(await serverRecords(server, 'Job', 'title')), [], 'neither job is on the server');

    await card.getByRole('button', { name: 'Keep it as the server has it' }).click();
    await page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    await eventually(
      'the job on the server, on the site',
      () => serverRecords(server, 'Job', 'title siteID'),
      (jobs) =>
        jobs.some((job) => job['title'] === 'Check the sluice gate' && job['siteID'] === siteId && !job['_deleted']),
    );
    await page.goto(`/sites/${siteId}`);
    await page.getByRole('link', { name: /Check the sluice gate/ }).waitFor();
  });
});
