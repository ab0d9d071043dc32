import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import { editSiteOnServer, eventually, openDeviceWithSite, serverRecords, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

// A site edited offline while someone else changed it on the server (Site: Optimistic Concurrency).
describe('a rejected change waits for review and the user’s choice reaches the server', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let siteId = '';

  before(async () => {
    server = await startServerProcess();
    phone = await openDeviceWithSite(server, 'Harbour Quarry');
    siteId = new URL(phone.page.url()).pathname.split('/').at(-1) ?? '';
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('records the conflict instead of dropping the edit, then keeps the user’s version', async () => {
    const { page, context } = phone;
    await page.goto(`/sites/${siteId}/edit`);
    await page.getByLabel('Address').waitFor();
    await context.setOffline(true);
    await page.getByLabel('Address').fill('2 Mine Rd');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/sites/${siteId}$`));
    // The count comes from DataStore's outbox, read just after the change is queued.
    await syncBarSays(page, /^Offline · 1 change saved on this device$/);
    // History tells a change the server does not have yet from one it kept.
    const edit = page
      .getByRole('list', { name: 'Changes, newest first' })
      .locator(':scope > li')
      .filter({ hasText: '“2 Mine Rd”' });
    await edit.getByText('Waiting to sync').waitFor();

    await editSiteOnServer(server, siteId, { address: '3 Server Rd' }, 1);
    await context.setOffline(false);

    const conflictsLink = page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ });
    await conflictsLink.waitFor({ timeout: 20_000 });
    await syncBarSays(page, /1 change needs your review/);
    // Refused, the edit is not shown as made, and there is no earlier address of it to put back.
    await edit.getByText('Not saved: waiting for your review').waitFor();
    assert.equal(await edit.getByText('Waiting to sync').count(), 0);
    assert.equal(await edit.getByRole('button', { name: /^Restore address/ }).count(), 0);
    await conflictsLink.click();
    const row = page.getByRole('row', { name: /Address/ });
    assert.match((await row.textContent()) ?? '', /2 Mine Rd.*3 Server Rd/s);

    await page.reload();
    await page.getByRole('row', { name: /Address/ }).waitFor();
    await page.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    const [site] = await eventually(
      'the user’s address on the server',
      () => serverRecords(server, 'Site', 'address'),
      (sites) => sites[0]?.['address'] === '2 Mine Rd',
    );
    assert.equal(site?.['_version'], 3);
    await syncBarSays(page, /^All changes synced/);
  });
});
