import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { addCrewMember, type CrewMember, withPoolAdmin } from '../testing/crew-members.ts';
import {
  demoJobsShown,
  editJobField,
  eventually,
  openSignedInDevice,
  outboxDrained,
  serverRecords,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

const NIA: CrewMember = { email: 'nia.obi@fieldbook.test', name: 'Nia Obi', group: 'Crew', password: 'North-pumps-7' };

/** The demo's jobs of one crew: three on each of its two sites (server/src/seed.ts). */
const jobsOf = (crew: 'north' | 'south') =>
  (crew === 'north' ? [1, 2] : [3, 4]).flatMap((site) => [1, 2, 3].map((job) => `demo-job-${site}-${job}`));

/**
 * Amplify takes the access token for expired (its clock drift moved by two hours), so the next
 * session read refreshes it: what the hourly refresh does, without waiting an hour.
 */
async function tokensDueForRefresh(page: Page): Promise<void> {
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.clockDrift'));
    if (!key) throw new Error('nobody is signed in on this page');
    localStorage.setItem(key, String(Number(localStorage.getItem(key) ?? '0') + 2 * 60 * 60 * 1000));
  });
}

// A North crew member's phone holds North's jobs only. The office moves her to South; at her next
// token refresh the phone follows without a reload: her offline edit of a North job has reached the
// server first, then North's jobs leave the phone (never the server) and South's arrive.
describe("a crew member's phone holds her crew's share and follows her to another crew", { timeout: 300_000 }, () => {
  let server: ServerProcess;
  let device: Device;

  before(async () => {
    server = await startServerProcess({ FIELDBOOK_SEED: 'demo' });
    // As `npm run users -- add` and `crew add north` do.
    addCrewMember(server.dbPath, NIA);
    withPoolAdmin(server.dbPath, (admin) => admin.setInCrew(NIA.email, 'crew-north', true));
    device = await openSignedInDevice(server, { as: NIA });
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
  });

  it("holds North's jobs only", async () => {
    const { page } = device;
    await eventually(
      'North’s jobs on the phone, and no other',
      () => demoJobsShown(page),
      (shown) => shown.join() === jobsOf('north').join(),
    );
  });

  it("moved to South, it sends her offline edit, drops North's jobs without a reload and shows South's", async () => {
    const { page } = device;
    await device.context.setOffline(true);
    await editJobField(page, 'demo-job-1-1', 'Title', 'Pump inspection, seen offline');
    // From here on the page is never loaded again: what follows happens in the running app.
    await page.evaluate(() => Object.assign(globalThis, { pageOfThisTest: true }));
    await device.context.setOffline(false);
    await outboxDrained(page, 30_000);
    const edited = await serverRecords(server, 'Job', 'id title');
    assert.equal(edited.find((job) => job['id'] === 'demo-job-1-1')?.['title'], 'Pump inspection, seen offline');

    withPoolAdmin(server.dbPath, (admin) => {
      admin.setInCrew(NIA.email, 'crew-north', false);
      admin.setInCrew(NIA.email, 'crew-south', true);
    });
    await tokensDueForRefresh(page);
    await device.context.setOffline(true);
    await device.context.setOffline(false);
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await eventually(
      'South’s jobs on the phone, and no other',
      () => demoJobsShown(page),
      (shown) => shown.join() === jobsOf('south').join(),
    );
    assert.equal(await page.evaluate(() => 'pageOfThisTest' in globalThis), true, 'the page was not reloaded');

    // Left on the phone only: the server keeps every North job, the edited one as she left it.
    const onServer = await serverRecords(server, 'Job', 'id title');
    for (const id of jobsOf('north')) {
      const job = onServer.find((record) => record['id'] === id);
      assert.ok(job && !job['_deleted'], `${id} is still on the server`);
    }
    assert.equal(await page.getByRole('link', { name: /to review/ }).count(), 0, 'nothing was filed for review');
  });
});
