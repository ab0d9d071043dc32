import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import {
  createJob,
  eventually,
  openDeviceWithSite,
  outboxEntries,
  serverRecords,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

const SITE = 'Two Tab Reservoir';

/** Opens the jobs list under "All" and waits until it shows exactly these titles. */
async function expectListed(page: Page, expected: readonly string[], what: string): Promise<void> {
  await page.goto('/jobs');
  await page.getByRole('button', { name: /^All/ }).click();
  const titles = page.getByRole('list', { name: 'Jobs' }).locator('.card-title');
  await eventually(
    what,
    async () => (await titles.allTextContents()).map((title) => title.trim()).sort(),
    (listed) => JSON.stringify(listed) === JSON.stringify([...expected].sort()),
    5_000,
  );
}

async function renameJob(page: Page, id: string, title: string): Promise<void> {
  await page.goto(`/jobs/${id}/edit`);
  await eventually(
    'the job in the form',
    () => page.getByLabel('Title').inputValue(),
    (value) => value !== '',
  );
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

async function deleteJob(page: Page, id: string): Promise<void> {
  await page.goto(`/jobs/${id}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete job' }).click();
  await page.waitForURL(/\/jobs$/);
}

async function liveJobTitles(server: ServerProcess): Promise<string[]> {
  const jobs = await serverRecords(server, 'Job', 'title');
  return jobs
    .filter((job) => job['_deleted'] !== true)
    .map((job) => String(job['title']))
    .sort();
}

// One browser profile, two tabs (or the installed window beside a tab): one device store, one outbox.
describe('two tabs of one device', { timeout: 300_000 }, () => {
  let server: ServerProcess;
  let device: Device;
  let first: Page;
  let second: Page;

  before(async () => {
    server = await startServerProcess();
    device = await openDeviceWithSite(server, SITE);
    first = device.page;
    second = await device.newPage();
    await second.goto('/jobs');
    await waitForServiceWorker(second);
    await syncBarSays(second, /^All changes synced/);
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
  });

  it('sends interleaved offline creates, edits and deletes from both tabs exactly once', async () => {
    await device.context.setOffline(true);
    const ids: Record<string, string> = {};
    // Every page.goto reloads a tab, so the sync leader changes hands again and again meanwhile.
    for (let i = 1; i <= 6; i++) {
      const tab = i % 2 === 1 ? first : second;
      ids[`Offline job ${i}`] = await createJob(tab, `Offline job ${i}`, SITE);
    }
    await renameJob(second, ids['Offline job 1']!, 'Offline job 1 (renamed in tab 2)');
    await renameJob(first, ids['Offline job 2']!, 'Offline job 2 (renamed in tab 1)');
    await deleteJob(first, ids['Offline job 4']!);
    await deleteJob(second, ids['Offline job 5']!);

    const expected = [
      'Offline job 1 (renamed in tab 2)',
      'Offline job 2 (renamed in tab 1)',
      'Offline job 3',
      'Offline job 6',
    ];
    await expectListed(first, expected, 'tab 1 to list every tab’s offline work');
    await expectListed(second, expected, 'tab 2 to list the same');
    assert.deepEqual(await serverRecords(server, 'Job', 'id'), [], 'nothing left the device while offline');
    // One outbox for the device, and every tab counts it the same: created-then-deleted jobs are
    // gone from it, and an edit joins its create unless that create is the entry being retried.
    // The history entry written with each change is not a change the user counts.
    const queued = (await outboxEntries(first)).filter((entry) => entry.model !== 'ChangeLogEntry').length;
    assert.ok(queued >= 4 && queued <= 6, `4 to 6 queued changes, got ${queued}`);
    for (const tab of [first, second]) {
      assert.equal(await syncBarSays(tab, /^Offline · /), `Offline · ${queued} changes saved on this device`);
    }

    await device.context.setOffline(false);
    await eventually(
      'the server to hold each job once',
      () => liveJobTitles(server),
      (titles) => titles.length >= 4,
    );
    for (const tab of [first, second]) await syncBarSays(tab, /^All changes synced/, 30_000);
    assert.deepEqual(await liveJobTitles(server), expected);
    // A job created and deleted while offline cancels out in the outbox: it never reaches the server.
    const all = await serverRecords(server, 'Job', 'id title');
    assert.deepEqual(all.map((job) => job['title']).sort(), expected, 'each job reached the server once');
    for (const tab of [first, second]) {
      assert.doesNotMatch(await syncBarSays(tab, /^All changes synced/), /review/);
      const conflictsLink = (await tab.getByRole('link', { name: /Conflicts/ }).textContent()) ?? '';
      assert.doesNotMatch(conflictsLink, /\d/, 'nothing waits for review');
    }
    await expectListed(first, expected, 'tab 1 to list what the server has');
    await expectListed(second, expected, 'tab 2 to list what the server has');
  });

  it('shows a change made in one tab in the other tab’s open list without a reload', async () => {
    await second.goto('/jobs');
    await second.getByRole('button', { name: /^All/ }).click();
    await second.getByText('Offline job 3', { exact: true }).waitFor();
    const job3 = (await serverRecords(server, 'Job', 'id title')).find((job) => job['title'] === 'Offline job 3');
    await first.goto(`/jobs/${String(job3?.['id'])}`);
    await first.getByRole('heading', { name: 'Offline job 3', level: 1 }).waitFor();
    await first.getByRole('button', { name: 'In progress' }).click();
    await first.goto('/jobs/new');
    await first.getByLabel('Title').fill('Made in tab 1');
    await first.getByLabel('Site').selectOption({ label: SITE });
    await first.getByRole('button', { name: 'Create job' }).click();
    // Within moments and without a reload; how many milliseconds is the bench's business (tabs group).
    await second.getByText('Made in tab 1', { exact: true }).waitFor({ timeout: 5_000 });
  });
});
