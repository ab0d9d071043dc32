import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { type CrewMember } from '../testing/crew-members.ts';
import {
  eventually,
  openDeviceWithSite,
  openSignedInDevice,
  serverRecords,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

/** The office's desktop, whose edit the phone's offline edit conflicts with. */
const RITA: CrewMember = {
  email: 'rita.moss@fieldbook.test',
  name: 'Rita Moss',
  group: 'Office',
  password: 'Quarry-office-7',
};

async function saveAddress(page: Page, siteId: string, address: string): Promise<void> {
  await page.getByLabel('Address').fill(address);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(new RegExp(`/sites/${siteId}$`));
}

/** One entry of a site's history, by the value it set. */
const historyEntry = (page: Page, value: string) =>
  page
    .getByRole('list', { name: 'Changes, newest first' })
    .locator(':scope > li')
    .filter({ hasText: `“${value}”` });

// A site edited offline while the office changed it (Site: Optimistic Concurrency).
describe('a rejected change waits for review and the user’s choice reaches the server', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let desktop: Device;
  let siteId = '';

  before(async () => {
    server = await startServerProcess();
    phone = await openDeviceWithSite(server, 'Harbour Quarry');
    siteId = new URL(phone.page.url()).pathname.split('/').at(-1) ?? '';
    desktop = await openSignedInDevice(server, { as: RITA });
    // The site page follows the site live; the form reads it once, so it opens once the site is here.
    await desktop.page.goto(`/sites/${siteId}`);
    await desktop.page.getByRole('heading', { name: 'Harbour Quarry', level: 1 }).waitFor();
    await desktop.page.goto(`/sites/${siteId}/edit`);
    await eventually(
      'the site loaded into the desktop’s form',
      () => desktop.page.getByLabel('Name (required)').inputValue(),
      (name) => name === 'Harbour Quarry',
    );
  });

  after(async () => {
    await Promise.all([phone?.close(), desktop?.close()]);
    await server?.dispose();
  });

  it('records the conflict instead of dropping the edit, then keeps the user’s version', async () => {
    const { page, context } = phone;
    await page.goto(`/sites/${siteId}/edit`);
    await page.getByLabel('Address').waitFor();
    await context.setOffline(true);
    await saveAddress(desktop.page, siteId, '3 Server Rd');
    await eventually(
      'the office’s address on the server',
      () => serverRecords(server, 'Site', 'address'),
      (sites) => sites[0]?.['address'] === '3 Server Rd',
    );
    await saveAddress(page, siteId, '2 Mine Rd');
    // The count comes from DataStore's outbox, read just after the change is queued.
    await syncBarSays(page, /^Offline · 1 change saved on this device$/);
    // History tells a change the server does not have yet from one it kept.
    const edit = historyEntry(page, '2 Mine Rd');
    await edit.getByText('Waiting to sync').waitFor();

    await context.setOffline(false);

    const conflictsLink = page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ });
    await conflictsLink.waitFor({ timeout: 20_000 });
    await syncBarSays(page, /1 change needs your review/);
    // Refused, the edit is not shown as made, and there is no earlier address of it to put back.
    await edit.getByText('Not saved: waiting for your review').waitFor();
    assert.equal(await edit.getByText('Waiting to sync').count(), 0);
    assert.equal(await edit.getByRole('button', { name: /^Restore address/ }).count(), 0);
    // On the office's desktop the phone's entry arrives too, newest: it says the server holds
    // another address, and offers nothing of it to put back; the office's own edit stands.
    const seenElsewhere = historyEntry(desktop.page, '2 Mine Rd');
    await seenElsewhere.getByText('Not in force: the server holds another value').waitFor();
    assert.equal(await seenElsewhere.getByRole('button', { name: /^Restore address/ }).count(), 0);
    const officeEdit = historyEntry(desktop.page, '3 Server Rd');
    assert.equal(await officeEdit.locator('.outcome').count(), 0);
    await officeEdit.getByRole('button', { name: /^Restore address/ }).waitFor();
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
    // Kept now, the phone's address is in force on the desktop too.
    await seenElsewhere.getByText('Not in force').waitFor({ state: 'detached' });
  });
});
