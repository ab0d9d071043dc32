import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import {
  createJob,
  createSite,
  editJobField,
  eventually,
  openJob,
  openSignedInDevice,
  serverRecords,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

// Two devices of one crew against the real server: one works offline, then reconnects.
describe('offline work reaches the server and the other device', { timeout: 240_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let tablet: Device;
  let jobId = '';

  before(async () => {
    server = await startServerProcess();
    [phone, tablet] = await Promise.all([openSignedInDevice(server), openSignedInDevice(server)]);
    for (const device of [phone, tablet]) {
      await device.page.goto('/jobs');
      await waitForServiceWorker(device.page);
      await syncBarSays(device.page, /All changes synced|Not synced yet/);
    }
    await createSite(phone.page, 'Harbour Pump Station');
    await eventually(
      'the site on the server',
      () => serverRecords(server, 'Site', 'name'),
      (sites) => sites.length === 1,
    );
  });

  after(async () => {
    await Promise.all([phone?.close(), tablet?.close()]);
    await server?.dispose();
  });

  it('creates, edits and deletes jobs and notes offline, and keeps them across a reload', async () => {
    const { page, context } = phone;
    await context.setOffline(true);

    jobId = await createJob(page, 'Inspect intake screens', 'Harbour Pump Station');
    await page.getByRole('button', { name: 'In progress' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Screen 2 partly blocked');
    await page.getByLabel('Reading').fill('4.2');
    await page.getByLabel('Unit').fill('bar');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('list', { name: 'Field notes' }).getByText('Screen 2 partly blocked').waitFor();

    const doomedId = await createJob(page, 'Created by mistake', 'Harbour Pump Station');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete job' }).click();
    await page.waitForURL(/\/jobs$/);

    await page.reload();
    await openJob(page, jobId, 'Inspect intake screens');
    assert.equal(await page.getByRole('button', { name: 'In progress' }).getAttribute('aria-pressed'), 'true');
    await page.getByRole('list', { name: 'Field notes' }).getByText('Screen 2 partly blocked').waitFor();
    // Queued create+edit of one job coalesce, and a create+delete cancel out: a job and a note remain.
    assert.equal(await syncBarSays(page, /^Offline · /), 'Offline · 2 changes saved on this device');
    await page.goto(`/jobs/${doomedId}`);
    await page.getByRole('heading', { name: 'This job is not on this device' }).waitFor();
    assert.deepEqual(await serverRecords(server, 'Job', 'id'), [], 'nothing left the device while offline');
  });

  it('sends them when the connection returns, and the other device shows them within 5 seconds', async () => {
    await tablet.page.goto('/jobs');
    await tablet.page.getByRole('button', { name: /^All/ }).click();
    await phone.context.setOffline(false);
    const reconnectedAt = Date.now();

    await tablet.page.getByText('Inspect intake screens').waitFor({ timeout: 5_000 });
    assert.ok(Date.now() - reconnectedAt < 5_000);

    await syncBarSays(phone.page, /^All changes synced/);
    const jobs = await serverRecords(server, 'Job', 'id title status');
    assert.deepEqual(
      jobs.map((job) => [job['title'], job['status'], job['_deleted']]),
      [['Inspect intake screens', 'IN_PROGRESS', null]],
    );
    const notes = await serverRecords(server, 'FieldNote', 'jobID body reading unit');
    assert.deepEqual(
      notes.map((note) => [note['jobID'], note['body'], note['reading'], note['unit']]),
      [[jobId, 'Screen 2 partly blocked', 4.2, 'bar']],
    );
  });

  it('merges two devices’ offline edits of one job with the job conflict handler', async () => {
    await Promise.all([phone.context.setOffline(true), tablet.context.setOffline(true)]);
    await editJobField(phone.page, jobId, 'Assignee', 'Mara');
    await editJobField(phone.page, jobId, 'Title', 'Inspect intake screens (phone)');
    await editJobField(tablet.page, jobId, 'Priority', 'Urgent');
    await editJobField(tablet.page, jobId, 'Title', 'Inspect intake screens (tablet)');

    await phone.context.setOffline(false);
    await syncBarSays(phone.page, /^All changes synced/);
    await tablet.context.setOffline(false);
    await syncBarSays(tablet.page, /^All changes synced/);

    // Different fields both survive; for the same field the later device's edit wins (handler RESOLVE).
    const expected = { title: 'Inspect intake screens (tablet)', assignee: 'Mara', priority: 'URGENT' };
    const [job] = await eventually(
      'the merged job on the server',
      () => serverRecords(server, 'Job', 'title assignee priority'),
      (items) => items[0]?.['title'] === expected.title,
    );
    assert.deepEqual({ title: job?.['title'], assignee: job?.['assignee'], priority: job?.['priority'] }, expected);
    for (const device of [phone, tablet]) {
      await openJob(device.page, jobId, expected.title);
      await device.page.getByText('Mara').first().waitFor();
    }
  });

  it('sends a stale edit of a finished job to review, and saves the user’s choice', async () => {
    await tablet.context.setOffline(true);
    await editJobField(tablet.page, jobId, 'Assignee', 'Sam');
    await openJob(phone.page, jobId, 'Inspect intake screens (tablet)');
    await phone.page.getByRole('button', { name: 'Done' }).click();
    await eventually(
      'the job done on the server',
      () => serverRecords(server, 'Job', 'status'),
      (items) => items[0]?.['status'] === 'DONE',
    );

    await tablet.context.setOffline(false);
    await tablet.page.getByRole('link', { name: /Conflicts/ }).click();
    const card = tablet.page.getByRole('article').filter({ hasText: 'Inspect intake screens' });
    await card.waitFor({ timeout: 15_000 });
    assert.match((await card.textContent()) ?? '', /Sam/);
    assert.match((await card.textContent()) ?? '', /Mara/);

    await card.getByRole('button', { name: 'Keep mine' }).click();
    const [job] = await eventually(
      'the kept edit on the server',
      () => serverRecords(server, 'Job', 'assignee status'),
      (items) => items[0]?.['assignee'] === 'Sam',
    );
    assert.equal(job?.['status'], 'DONE', 'keeping the edit does not reopen the finished job');
  });
});
