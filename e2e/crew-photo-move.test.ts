import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type CrewDevices, openCrewDevices } from '../testing/crew-devices.ts';
import {
  eventually,
  openJob,
  outboxDrained,
  serverRecords,
  storedPhotoKeys,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { png } from '../testing/png.ts';

/** The demo's first site is North's; its first job is the pump inspection (server/src/seed.ts). */
const SITE = 'demo-site-1';
const JOB = 'demo-job-1-1';
const TITLE = 'Quarterly pump inspection';

// A North member photographs a job; the office then hands the job's site to South. South's
// credentials reach only South's folder, so the photo follows the job there: South's phone
// shows it, and North's folder no longer holds it.
describe("a site moved to another crew: its photos follow it to the new crew's folder", { timeout: 300_000 }, () => {
  let crews: CrewDevices;

  before(async () => {
    crews = await openCrewDevices();
  });

  after(() => crews?.close());

  it("moves North's photo to South's folder, where South's phone loads it", async () => {
    const { server, office, north, south } = crews;
    await openJob(north.page, JOB, TITLE);
    await north.page
      .getByLabel('Photo files')
      .setInputFiles({ name: 'pump.png', mimeType: 'image/png', buffer: png(320, 240, 5) });
    // The bar says "All changes synced" already before the picture is read and saved.
    await north.page.getByRole('button', { name: 'Photo 1 of 1, uploaded' }).waitFor({ timeout: 30_000 });
    await syncBarSays(north.page, /^All changes synced(?!.*photo)/, 30_000);
    const [northKey = ''] = storedPhotoKeys(server);
    assert.match(northKey, new RegExp(`^public/crews/north/photos/${JOB}/[^/]+\\.(jpg|webp|png)$`));

    await office.page.goto(`/sites/${SITE}/edit`);
    await office.page.getByRole('combobox', { name: 'Crew' }).selectOption({ label: 'South crew' });
    await office.page.getByRole('button', { name: 'Save changes' }).click();
    await office.page.waitForURL(`**/sites/${SITE}`);

    const southKey = northKey.replace('public/crews/north/', 'public/crews/south/');
    await eventually(
      "the photo's record naming South's folder on the server",
      async () => (await serverRecords(server, 'Attachment', 'key crewID')).map((photo) => photo['key']),
      (keys) => keys.length === 1 && keys[0] === southKey,
      60_000,
    );
    await outboxDrained(office.page, 30_000);
    await eventually(
      "the object in South's folder only",
      async () => storedPhotoKeys(server),
      (keys) => keys.length === 1 && keys[0] === southKey,
      30_000,
    );

    await openJob(south.page, JOB, TITLE);
    await south.page.getByRole('button', { name: 'Load Photo 1 of 1' }).click({ timeout: 60_000 });
    const thumbnail = south.page.getByRole('button', { name: 'Photo 1 of 1, uploaded' });
    await thumbnail.waitFor({ timeout: 30_000 });
    await eventually(
      'the picture drawn on South’s phone',
      () => thumbnail.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth),
      (width) => typeof width === 'number' && width > 0,
    );
    assert.equal(await south.page.getByRole('alert').count(), 0, 'no error shown');
    assert.equal(
      await north.page.getByRole('link', { name: /to review/ }).count(),
      0,
      "nothing was filed for review on North's phone",
    );
  });
});
