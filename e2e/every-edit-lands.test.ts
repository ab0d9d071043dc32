import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import {
  createJob,
  createSite,
  editJobField,
  eventually,
  openDeviceWithSite,
  openJob,
  openSignedInDevice,
  serverRecords,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

const SITE = 'Quarry Lane Depot';

/** Waits for the one entry this device has to review, and opens it under Conflicts. */
async function openReview(page: Page, name: RegExp): Promise<Locator> {
  await syncBarSays(page, /1 change needs your review/, 20_000);
  await page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ }).click();
  return page.getByRole('article', { name });
}

async function serverJob(server: ServerProcess, id: string) {
  const jobs = await serverRecords(server, 'Job', 'id title description priority');
  return jobs.find((job) => job['id'] === id);
}

describe('every edit lands or is shown, on two devices', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let tablet: Device;

  before(async () => {
    server = await startServerProcess();
    phone = await openDeviceWithSite(server, SITE);
    tablet = await openSignedInDevice(server);
    await tablet.page.goto('/jobs');
    await waitForServiceWorker(tablet.page);
    await syncBarSays(tablet.page, /^All changes synced/);
  });

  after(async () => {
    await Promise.all([phone?.close(), tablet?.close()]);
    await server?.dispose();
  });

  it('an edit form left open while another device renames the job keeps the rename', async () => {
    const id = await createJob(phone.page, 'Grease conveyor', SITE);
    await openJob(tablet.page, id, 'Grease conveyor');
    await tablet.page.goto(`/jobs/${id}/edit`);
    const description = tablet.page.getByLabel('Description');
    await description.waitFor();

    await editJobField(phone.page, id, 'Title', 'Grease conveyor belt 3');
    await eventually(
      'the rename on the server',
      () => serverJob(server, id),
      (job) => job?.['_version'] === 2,
    );

    // The tablet's form says what changed underneath it, and shows the new title.
    const notice = tablet.page.getByRole('status', { name: 'Changed on another device while you were editing' });
    await notice.getByText('Title is now “Grease conveyor belt 3” (updated in the form)').waitFor();
    assert.equal(await tablet.page.getByLabel('Title').inputValue(), 'Grease conveyor belt 3');

    await description.fill('Use the high-temperature grease');
    await tablet.page.getByRole('button', { name: 'Save changes' }).click();
    await tablet.page.getByRole('heading', { name: 'Grease conveyor belt 3', level: 1 }).waitFor();

    const job = await eventually(
      'both edits on the server',
      () => serverJob(server, id),
      (found) => found?.['description'] === 'Use the high-temperature grease',
    );
    assert.equal(job?.['title'], 'Grease conveyor belt 3', 'the rename made on the phone survives');
    await phone.page.getByText('Use the high-temperature grease').first().waitFor({ timeout: 10_000 });
    await phone.page.getByRole('heading', { name: 'Grease conveyor belt 3', level: 1 }).waitFor();
  });

  it('a note edit form left open while another device changes the reading keeps both edits', async () => {
    const id = await createJob(phone.page, 'Check weir gauge', SITE);
    await phone.page.getByLabel('Note', { exact: true }).fill('Gauge at the weir');
    await phone.page.getByRole('button', { name: 'Add note' }).click();
    const phoneNotes = phone.page.getByRole('list', { name: 'Field notes' });
    await phoneNotes.getByText('Gauge at the weir').waitFor();

    await openJob(tablet.page, id, 'Check weir gauge');
    await tablet.page.getByRole('button', { name: /Edit note/ }).click({ timeout: 15_000 });
    const tabletForm = tablet.page.getByRole('form', { name: 'Edit field note' });

    await phoneNotes.getByRole('button', { name: /Edit note/ }).click();
    const phoneForm = phone.page.getByRole('form', { name: 'Edit field note' });
    await phoneForm.getByLabel('Reading').fill('1.4');
    await phoneForm.getByRole('button', { name: 'Save note' }).click();
    await phoneForm.waitFor({ state: 'detached' });

    await tabletForm.getByText('Reading is now “1.4” (updated in the form)').waitFor({ timeout: 15_000 });
    await tabletForm.getByLabel('Note', { exact: true }).fill('Gauge at the weir, staff plate cracked');
    await tabletForm.getByRole('button', { name: 'Save note' }).click();
    await tabletForm.waitFor({ state: 'detached' });

    await eventually(
      'both edits on the server',
      () => serverRecords(server, 'FieldNote', 'id jobID body reading'),
      (notes) =>
        notes.some(
          (note) =>
            note['jobID'] === id &&
            note['body'] === 'Gauge at the weir, staff plate cracked' &&
            note['reading'] === 1.4,
        ),
    );
    await phoneNotes.getByText('Gauge at the weir, staff plate cracked').waitFor({ timeout: 15_000 });
  });

  it('an older offline edit does not beat a newer one, and its author can restore it', async () => {
    const id = await createJob(phone.page, 'Replace gate latch', SITE);
    await openJob(tablet.page, id, 'Replace gate latch');

    await tablet.context.setOffline(true);
    await editJobField(tablet.page, id, 'Priority', 'Low');
    await syncBarSays(tablet.page, /^Offline · 1 change saved on this device$/);

    // Later, the phone sets the priority to Urgent while the tablet is still offline.
    await editJobField(phone.page, id, 'Priority', 'Urgent');
    await eventually(
      'Urgent on the server',
      () => serverJob(server, id),
      (job) => job?.['priority'] === 'URGENT',
    );

    await tablet.context.setOffline(false);
    await syncBarSays(tablet.page, /1 change needs your review/, 20_000);
    const job = await serverJob(server, id);
    assert.equal(job?.['priority'], 'URGENT', 'the later edit stays on the server');

    // The tablet's user is told whose value replaced theirs, and can put theirs back.
    await tablet.page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ }).click();
    const entry = tablet.page.getByRole('article', { name: /Replace gate latch/ });
    await entry.getByText(/Your priority “Low” was replaced by “Urgent”, saved .+ on another device\./).waitFor();
    await entry.getByRole('button', { name: 'Restore mine' }).click();
    await tablet.page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    await eventually(
      'Low restored on the server',
      () => serverJob(server, id),
      (found) => found?.['priority'] === 'LOW',
    );
    await openJob(phone.page, id, 'Replace gate latch');
    await phone.page.getByText('Low', { exact: true }).first().waitFor({ timeout: 10_000 });
    await syncBarSays(tablet.page, /^All changes synced/);
  });

  it('a note added offline to a job deleted elsewhere is shown to its author, who can restore the job', async () => {
    const id = await createJob(phone.page, 'Check culvert', SITE);
    await openJob(tablet.page, id, 'Check culvert');

    await tablet.context.setOffline(true);
    await tablet.page.getByLabel('Note', { exact: true }).fill('Culvert half blocked by silt');
    await tablet.page.getByRole('button', { name: 'Add note' }).click();
    await tablet.page.getByRole('list', { name: 'Field notes' }).getByText('Culvert half blocked by silt').waitFor();

    await openJob(phone.page, id, 'Check culvert');
    await phone.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await phone.page.getByRole('button', { name: 'Delete job' }).click();
    await eventually(
      'the delete on the server',
      () => serverJob(server, id),
      (job) => job?.['_deleted'] === true,
    );

    await tablet.context.setOffline(false);
    const entry = await openReview(tablet.page, /Check culvert/);
    await entry
      .getByText(/“Check culvert” was deleted on another device, and a note added to it would be lost/)
      .waitFor();
    await entry
      .getByRole('list', { name: 'Added to the deleted job' })
      .getByText('Culvert half blocked by silt')
      .waitFor();
    await entry.getByRole('button', { name: 'Restore the job' }).click();
    await tablet.page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    const restored = await eventually(
      'the job back on the server with the note',
      async () => {
        const jobs = await serverRecords(server, 'Job', 'id title');
        const notes = await serverRecords(server, 'FieldNote', 'id jobID body');
        const job = jobs.find((candidate) => candidate['title'] === 'Check culvert' && !candidate['_deleted']);
        const note = notes.find((candidate) => candidate['body'] === 'Culvert half blocked by silt');
        return job && note?.['jobID'] === job['id'] ? job : undefined;
      },
      (job) => job !== undefined,
    );
    await openJob(phone.page, String(restored?.['id']), 'Check culvert');
    await phone.page.getByRole('list', { name: 'Field notes' }).getByText('Culvert half blocked by silt').waitFor();
  });

  it('a job added offline to a site deleted elsewhere is shown to its author, who can restore the site', async () => {
    const site = 'Ridge Pumphouse';
    await createSite(phone.page, site);
    const siteId = new URL(phone.page.url()).pathname.split('/').at(-1);
    await tablet.page.goto('/sites');
    await tablet.page
      .getByRole('list', { name: 'Sites' })
      .getByRole('link', { name: new RegExp(site) })
      .waitFor();

    await tablet.context.setOffline(true);
    await createJob(tablet.page, 'Replace float switch', site);
    await phone.page.goto(`/sites/${siteId}`);
    await phone.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await phone.page.getByRole('button', { name: 'Delete site' }).click();
    await eventually(
      'the site deleted on the server',
      () => serverRecords(server, 'Site', 'id'),
      (sites) => sites.some((found) => found['id'] === siteId && found['_deleted'] === true),
    );

    await tablet.context.setOffline(false);
    const entry = await openReview(tablet.page, new RegExp(site));
    await entry
      .getByText(/“Ridge Pumphouse” was deleted on another device, and a job added to it would be lost/)
      .waitFor();
    await entry.getByRole('list', { name: 'Added to the deleted site' }).getByText('Replace float switch').waitFor();
    await entry.getByRole('button', { name: 'Restore the site' }).click();
    await tablet.page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    const restored = await eventually(
      'the site back on the server with the job',
      async () => {
        const sites = await serverRecords(server, 'Site', 'id name');
        const jobs = await serverRecords(server, 'Job', 'id title siteID');
        const back = sites.find((found) => found['name'] === site && !found['_deleted']);
        const job = jobs.find((found) => found['title'] === 'Replace float switch' && !found['_deleted']);
        return back && job?.['siteID'] === back['id'] ? back : undefined;
      },
      (back) => back !== undefined,
    );
    await phone.page.goto(`/sites/${String(restored?.['id'])}`);
    await phone.page
      .getByRole('list', { name: 'Jobs at this site' })
      .getByRole('link', { name: /Replace float switch/ })
      .waitFor({ timeout: 15_000 });
  });

  it('an item ticked offline on one device and another removed on a second both hold, on both screens', async () => {
    const id = await createJob(phone.page, 'Service pump 4', SITE);
    for (const label of ['Shut inlet valve', 'Drain sump']) {
      await phone.page.getByLabel('New checklist item').fill(label);
      await phone.page.getByRole('button', { name: 'Add item' }).click();
      await phone.page.getByRole('checkbox', { name: label }).waitFor();
    }
    await openJob(tablet.page, id, 'Service pump 4');
    const drainOnTablet = tablet.page.getByRole('checkbox', { name: 'Drain sump' });
    // Both items on the tablet before it goes offline: the second arrives by its own update.
    await tablet.page.getByRole('checkbox', { name: 'Shut inlet valve' }).waitFor({ timeout: 10_000 });
    await drainOnTablet.waitFor({ timeout: 10_000 });

    // The tablet's copy still lists the valve when it ticks the sump: sent whole, the list must not
    // bring back what the phone removed meanwhile.
    await tablet.context.setOffline(true);
    await drainOnTablet.check();
    await syncBarSays(tablet.page, /^Offline · 1 change saved on this device$/);
    await phone.page.getByRole('button', { name: 'Remove Shut inlet valve' }).click();
    await eventually(
      'the removal on the server',
      () => serverRecords(server, 'Job', 'id checklist { label done }'),
      (jobs) =>
        JSON.stringify(jobs.find((job) => job['id'] === id)?.['checklist']) === '[{"label":"Drain sump","done":false}]',
    );

    await tablet.context.setOffline(false);
    await eventually(
      'the tick and the removal both on the server',
      () => serverRecords(server, 'Job', 'id checklist { label done }'),
      (jobs) =>
        JSON.stringify(jobs.find((job) => job['id'] === id)?.['checklist']) === '[{"label":"Drain sump","done":true}]',
    );
    for (const page of [phone.page, tablet.page]) {
      await eventually(
        'the ticked sump and no valve on screen',
        async () => ({
          ticked: await page.getByRole('checkbox', { name: 'Drain sump' }).isChecked(),
          valves: await page.getByRole('checkbox', { name: 'Shut inlet valve' }).count(),
        }),
        (shown) => shown.ticked && shown.valves === 0,
      );
    }
    await syncBarSays(tablet.page, /^All changes synced/);
    assert.equal(await tablet.page.getByRole('link', { name: /Conflicts\s+\(\d+ to review\)/ }).count(), 0);
  });

  it('a checklist tick made offline on a job deleted elsewhere waits for review and can bring the job back', async () => {
    const id = await createJob(phone.page, 'Flush hydrant 12', SITE);
    await phone.page.getByLabel('New checklist item').fill('Open valve slowly');
    await phone.page.getByRole('button', { name: 'Add item' }).click();
    await openJob(tablet.page, id, 'Flush hydrant 12');
    const tick = tablet.page.getByRole('checkbox', { name: 'Open valve slowly' });
    await tick.waitFor({ timeout: 10_000 });

    await tablet.context.setOffline(true);
    await tick.check();
    await syncBarSays(tablet.page, /^Offline · 1 change saved on this device$/);
    await phone.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await phone.page.getByRole('button', { name: 'Delete job' }).click();
    await eventually(
      'the delete on the server',
      () => serverJob(server, id),
      (job) => job?.['_deleted'] === true,
    );

    await tablet.context.setOffline(false);
    const entry = await openReview(tablet.page, /Flush hydrant 12/);
    await entry.getByText('This was deleted on another device after you changed it.', { exact: false }).waitFor();
    await entry.getByRole('button', { name: 'Keep mine' }).click();
    await tablet.page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    await eventually(
      'the job back on the server with the item ticked',
      () => serverRecords(server, 'Job', 'id title checklist { label done }'),
      (jobs) =>
        jobs.some(
          (job) =>
            job['title'] === 'Flush hydrant 12' &&
            !job['_deleted'] &&
            JSON.stringify(job['checklist']).includes('"done":true'),
        ),
    );
  });
});
