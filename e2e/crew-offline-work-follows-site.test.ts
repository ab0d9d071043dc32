import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type CrewDevices, openCrewDevices } from '../testing/crew-devices.ts';
import { createJob, demoJobsShown, eventually, outboxDrained, serverRecords } from '../testing/fieldbook.ts';

/** The demo's first site is North's (server/src/seed.ts). */
const SITE = 'demo-site-1';
const SITE_NAME = 'Harbour Pump Station';
const TITLE = 'Fence repair, added offline';

async function jobsShown(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  return demoJobsShown(page);
}

// A North member's phone is offline when they add a job on a North site; meanwhile the office
// moves the site to South. Back online, the phone's job reaches the server (in North's scope, the
// only one North may create in), and the phone takes it on to South: it ends in South's scope on
// the server, leaves North's phone and shows on South's.
describe('offline work on a site moved to another crew follows the site', { timeout: 300_000 }, () => {
  let crews: CrewDevices;

  before(async () => {
    crews = await openCrewDevices();
  });

  after(() => crews?.close());

  it("takes North's new job to South, off North's phone and onto South's", async () => {
    const { server, office, north, south } = crews;
    await eventually(
      'the site’s jobs on North’s phone',
      () => jobsShown(north.page),
      (shown) => shown.includes('demo-job-1-1'),
    );
    await north.context.setOffline(true);
    const jobId = await createJob(north.page, TITLE, SITE_NAME);

    await office.page.goto(`/sites/${SITE}/edit`);
    await office.page.getByRole('combobox', { name: 'Crew' }).selectOption({ label: 'South crew' });
    await office.page.getByRole('button', { name: 'Save changes' }).click();
    await office.page.waitForURL(`**/sites/${SITE}`);
    await outboxDrained(office.page, 30_000);

    await north.context.setOffline(false);
    await eventually(
      'the job on the server in South’s scope',
      async () => (await serverRecords(server, 'Job', 'id title crewID crewGroup')).find((job) => job['id'] === jobId),
      (job) => job?.['crewID'] === 'south',
      60_000,
    ).then((job) =>
      assert.deepEqual(
        { title: job?.['title'], crewID: job?.['crewID'], crewGroup: job?.['crewGroup'], deleted: job?.['_deleted'] },
        { title: TITLE, crewID: 'south', crewGroup: 'crew-south', deleted: null },
      ),
    );
    await outboxDrained(north.page, 30_000);

    await north.page.goto(`/jobs/${jobId}`);
    await north.page.getByRole('heading', { name: 'This job is not on this device' }).waitFor({ timeout: 30_000 });
    await north.page.goto('/sites');
    await north.page.getByRole('heading', { name: 'Sites' }).waitFor();
    assert.equal(await north.page.getByRole('link', { name: new RegExp(SITE_NAME) }).count(), 0);
    assert.equal(await north.page.getByRole('link', { name: /to review/ }).count(), 0, 'nothing was filed for review');

    await south.page.goto(`/jobs/${jobId}`);
    await south.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor({ timeout: 30_000 });
  });
});
