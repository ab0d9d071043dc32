import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import { editSiteOnServer, eventually, openDeviceWithSite, serverRecords, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

/**
 * A crew member edits a site offline, then deletes it, while someone else changes it on the server.
 * Sites use Optimistic Concurrency, so the server refuses the stale delete; the offline edit was
 * merged into the delete on the device and is nowhere else. The review must show it and bring it back.
 */
describe('a delete the server refused keeps the edit made before it', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let siteId = '';

  before(async () => {
    server = await startServerProcess();
    phone = await openDeviceWithSite(server, 'Kiln Lane depot');
    siteId = new URL(phone.page.url()).pathname.split('/').at(-1) ?? '';
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('shows the refused delete with the user’s last version and restores it on request', async () => {
    const { page, context } = phone;
    await context.setOffline(true);
    await page.goto(`/sites/${siteId}/edit`);
    await page.getByLabel('Address').fill('7 Kiln Lane');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/sites/${siteId}$`));
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete site' }).click();
    await page.waitForURL(/\/sites$/);
    await syncBarSays(page, /^Offline · 1 change saved on this device$/);

    await editSiteOnServer(server, siteId, { contactName: 'Mara (gate)' }, 1);
    await context.setOffline(false);

    const conflictsLink = page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ });
    await conflictsLink.waitFor({ timeout: 30_000 });
    await conflictsLink.click();
    const card = page.getByRole('article', { name: 'Site “Kiln Lane depot”' });
    assert.match((await card.textContent()) ?? '', /You deleted this/);
    assert.match((await card.getByRole('row', { name: /Address/ }).textContent()) ?? '', /7 Kiln Lane/);
    const [onServer] = await serverRecords(server, 'Site', 'address contactName');
    assert.equal(onServer?.['_deleted'], null, 'the server refused the delete');
    assert.equal(onServer?.['address'], null, 'the offline edit never reached the server');

    await card.getByRole('button', { name: 'Keep it, with my version' }).click();
    await page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    await eventually(
      'the user’s address and the other edit, together on the server',
      () => serverRecords(server, 'Site', 'address contactName'),
      (sites) => sites[0]?.['address'] === '7 Kiln Lane' && sites[0]?.['contactName'] === 'Mara (gate)',
    );
    await page.goto(`/sites/${siteId}`);
    await page.getByText('7 Kiln Lane', { exact: true }).waitFor();
  });
});
