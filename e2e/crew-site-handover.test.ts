import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type CrewDevices, openCrewDevices } from '../testing/crew-devices.ts';
import { demoJobsShown, editJobField, eventually, outboxDrained, serverRecords } from '../testing/fieldbook.ts';

/** The demo's first site is North's, with three jobs (server/src/seed.ts). */
const SITE = 'demo-site-1';
const MOVED = ['demo-job-1-1', 'demo-job-1-2', 'demo-job-1-3'];
const EDITED = 'Pump inspection, seen offline';

/** The demo's jobs on the page's jobs list. */
async function jobsShown(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  return demoJobsShown(page);
}

// The office moves a North site to South while a North member's phone is offline with an edit of
// one of its jobs. Back online, the phone sends the edit, which the server keeps; then the job
// leaves the phone (its lists and its address), and South's phone shows it, edit included.
describe(
  "a site moved to another crew: the old crew's offline edit lands, then the site leaves its phone",
  { timeout: 300_000 },
  () => {
    let crews: CrewDevices;

    before(async () => {
      crews = await openCrewDevices();
    });

    after(() => crews?.close());

    it("sends North's offline edit, then moves the job from North's phone to South's", async () => {
      const { server, office, north, south } = crews;
      await eventually(
        'the site’s jobs on North’s phone',
        () => jobsShown(north.page),
        (shown) => MOVED.every((id) => shown.includes(id)),
      );
      await north.context.setOffline(true);
      await editJobField(north.page, 'demo-job-1-1', 'Title', EDITED);

      await office.page.goto(`/sites/${SITE}/edit`);
      await office.page.getByRole('combobox', { name: 'Crew' }).selectOption({ label: 'South crew' });
      await office.page.getByRole('button', { name: 'Save changes' }).click();
      await office.page.waitForURL(`**/sites/${SITE}`);
      await outboxDrained(office.page, 30_000);

      await north.context.setOffline(false);
      await outboxDrained(north.page, 30_000);
      const job = (await serverRecords(server, 'Job', 'id title crewID')).find((each) => each['id'] === 'demo-job-1-1');
      assert.deepEqual({ title: job?.['title'], crewID: job?.['crewID'] }, { title: EDITED, crewID: 'south' });

      await eventually(
        'the site’s jobs gone from North’s phone',
        () => jobsShown(north.page),
        (shown) => shown.length > 0 && MOVED.every((id) => !shown.includes(id)),
      );
      await north.page.goto('/jobs/demo-job-1-1');
      await north.page.getByRole('heading', { name: 'This job is not on this device' }).waitFor();
      await north.page.goto('/sites');
      await north.page.getByRole('heading', { name: 'Sites' }).waitFor();
      assert.equal(await north.page.getByRole('link', { name: /Harbour Pump Station/ }).count(), 0);
      assert.equal(
        await north.page.getByRole('link', { name: /to review/ }).count(),
        0,
        'nothing was filed for review',
      );

      await eventually(
        'the site’s jobs on South’s phone',
        () => jobsShown(south.page),
        (shown) => MOVED.every((id) => shown.includes(id)),
      );
      await south.page.goto('/jobs/demo-job-1-1');
      await south.page.getByRole('heading', { name: EDITED }).waitFor({ timeout: 30_000 });

      // Left North's phone only: the server keeps the site and its jobs.
      const onServer = await serverRecords(server, 'Job', 'id');
      for (const id of MOVED)
        assert.ok(
          onServer.some((record) => record['id'] === id && !record['_deleted']),
          id,
        );
    });
  },
);
