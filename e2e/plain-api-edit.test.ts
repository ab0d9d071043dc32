import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import {
  createJob,
  editJobField,
  eventually,
  openDeviceWithSite,
  serverRecords,
  syncBarSays,
  updateOnServer,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

const SITE = 'Westfield Depot';

async function serverJob(server: ServerProcess, id: string) {
  const jobs = await serverRecords(server, 'Job', 'id priority');
  return jobs.find((job) => job['id'] === id);
}

// An office system writes through the API with a plain updateJob (no edit times): its edit is
// somebody's intent too, and a device's older offline edit must not silently undo it.
describe('an office system’s later edit through the API', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;

  before(async () => {
    server = await startServerProcess();
    phone = await openDeviceWithSite(server, SITE);
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('wins over an older offline edit, whose author is told and can restore it', async () => {
    const { page, context } = phone;
    const id = await createJob(page, 'Reseal pump housing', SITE);
    const synced = await eventually(
      'the job on the server',
      () => serverJob(server, id),
      (job) => job !== undefined,
    );

    await context.setOffline(true);
    await editJobField(page, id, 'Priority', 'Low');
    await syncBarSays(page, /^Offline · 1 change saved on this device$/);

    // Later, the office system sets the priority through the API, from the version it read.
    await updateOnServer(server, 'Job', { id, priority: 'URGENT', _version: synced?.['_version'] });

    await context.setOffline(false);
    await syncBarSays(page, /1 change needs your review/, 20_000);
    assert.equal((await serverJob(server, id))?.['priority'], 'URGENT', 'the office system’s later edit stays');

    await page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ }).click();
    const entry = page.getByRole('article', { name: /Reseal pump housing/ });
    await entry.getByText(/^Your priority “Low” was replaced by “Urgent”, saved .+\.$/).waitFor();
    await entry
      .getByRole('row', { name: /Priority/ })
      .getByText('Low')
      .waitFor();
    await entry.getByRole('button', { name: 'Restore mine' }).click();
    await page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    await eventually(
      'Low restored on the server',
      () => serverJob(server, id),
      (job) => job?.['priority'] === 'LOW',
    );
    await syncBarSays(page, /^All changes synced/);
  });
});
