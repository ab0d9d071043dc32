import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { createJob, eventually, openDeviceWithSite, serverRecords, syncBarSays } from '../testing/fieldbook.ts';
import { gate as holdGate } from '../testing/gate.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { WriteGate } from './support/write-gate.ts';

const SITE = 'Hand-over Substation';

async function openSecondTab(device: Device): Promise<Page> {
  const page = await device.newPage();
  await page.goto('/jobs');
  await waitForServiceWorker(page);
  await syncBarSays(page, /^All changes synced/);
  return page;
}

async function serverJobTitles(server: ServerProcess): Promise<string[]> {
  const jobs = await serverRecords(server, 'Job', 'title');
  return jobs.map((job) => String(job['title'])).sort();
}

async function nothingToReview(page: Page): Promise<void> {
  const link = (await page.getByRole('link', { name: /Conflicts/ }).textContent()) ?? '';
  assert.doesNotMatch(link, /\d/, `nothing waits for review, the nav says "${link.trim()}"`);
}

/** Marks the page so a test can tell whether it has been reloaded since. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => sessionStorage.setItem('fieldbook-test-mark', String(performance.timeOrigin)));
}

async function reloadedSinceMark(page: Page): Promise<boolean> {
  return page.evaluate(() => sessionStorage.getItem('fieldbook-test-mark') !== String(performance.timeOrigin));
}

// The tab running the sync engine goes away while it sends; another tab of the same profile goes on.
describe('two tabs: the sync leader closes mid-drain', { timeout: 300_000 }, () => {
  let server: ServerProcess;
  let gate: WriteGate;
  let device: Device;

  before(async () => {
    server = await startServerProcess();
    gate = await WriteGate.start(server.port);
    device = await openDeviceWithSite(server, SITE, { url: gate.url });
  });

  after(async () => {
    await device?.close();
    await gate?.stop();
    await server?.dispose();
  });

  it('the other tab takes over the outbox: every job reaches the server once, nothing to review', async () => {
    const leader = device.page;
    const follower = await openSecondTab(device);
    await device.context.setOffline(true);
    const titles = Array.from({ length: 8 }, (_, i) => `Queued in the second tab ${i + 1}`);
    for (const title of titles) await createJob(follower, title, SITE);
    await syncBarSays(follower, /^Offline · 8 changes saved on this device$/);

    // Two jobs go through; the third waits until the leader has closed.
    const drain = holdGate();
    let jobs = 0;
    gate.holdMutation = (body) => (body.includes('createJob') && ++jobs > 2 ? drain.hold() : undefined);
    await device.context.setOffline(false);
    await drain.arrived;
    await eventually(
      'the drain to be under way',
      () => serverJobTitles(server),
      (sent) => sent.length >= 2,
      30_000,
    );
    await leader.close();
    gate.holdMutation = undefined;
    drain.open();

    await eventually(
      'every queued job on the server',
      () => serverJobTitles(server),
      (sent) => sent.length >= titles.length,
      60_000,
    );
    await syncBarSays(follower, /^All changes synced/, 30_000);
    assert.deepEqual(await serverJobTitles(server), [...titles].sort(), 'each job once, none lost');
    await nothingToReview(follower);
  });

  it('clearing local data in one tab clears and reloads every tab, without hanging', async () => {
    const first = device.context.pages()[0]!;
    const second = await openSecondTab(device);
    await Promise.all([markPage(first), markPage(second)]);

    await second.goto('/settings');
    await second.getByRole('button', { name: 'Clear local data' }).click();
    await second.getByRole('button', { name: 'Yes, clear this device' }).click();

    for (const tab of [first, second]) {
      await eventually('the tab to reload', () => reloadedSinceMark(tab).catch(() => false), Boolean, 20_000);
      await tab.goto('/jobs');
      await tab.getByRole('button', { name: /^All/ }).click();
      await tab.getByText('Queued in the second tab 8', { exact: true }).waitFor({ timeout: 30_000 });
    }
    await syncBarSays(first, /^All changes synced/, 30_000);
  });
});
