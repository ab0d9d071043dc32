import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { type CrewServer, startCrewServer } from '../testing/crew-devices.ts';
import { type CrewMember, NORTH_MEMBER, OFFICE, SOUTH_MEMBER } from '../testing/crew-members.ts';
import {
  createJob,
  createSite,
  eventually,
  openJob,
  outboxDrained,
  serverRecords,
  storedPhotoKeys,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { png } from '../testing/png.ts';
import { type ServerProcess } from '../testing/server-process.ts';

const NIA = NORTH_MEMBER;
const SOL = SOUTH_MEMBER;
const NORTH = { crewID: 'north', crewGroup: 'crew-north' };
/** A foreman: an Office account in the North crew's group too (`npm run users -- crew add north …`). */
const FOREMAN: CrewMember = {
  ...OFFICE,
  email: 'fred.foreman@fieldbook.test',
  name: 'Fred Foreman',
  password: 'Foreman-desk-7',
  crews: ['north'],
};

// The office sets up a site for each crew; a member of North works North's on their phone, and a
// member of South, on another phone, never holds it: the server keeps it from them.
describe("crews: each crew's devices hold their crew's sites and jobs only", { timeout: 240_000 }, () => {
  let crews: CrewServer;
  let server: ServerProcess;
  let office: Device;
  let north: Device;
  let south: Device | undefined;
  let northSiteId = '';
  let jobId = '';

  before(async () => {
    crews = await startCrewServer();
    ({ server, office } = crews);
    await waitForServiceWorker(office.page);
  });

  after(() => crews?.close());

  it('lets the office make a site for the North crew, named on the site list', async () => {
    await createSite(office.page, 'North quarry', 'North');
    await office.page
      .getByRole('definition')
      .filter({ hasText: /^North$/ })
      .waitFor();
    await createSite(office.page, 'South docks', 'South');
    await createJob(office.page, 'Check dock gates', 'South docks');
    await office.page.goto('/sites');
    const card = office.page.getByRole('link', { name: /North quarry/ });
    assert.match((await card.textContent()) ?? '', /Crew: North/);
    await outboxDrained(office.page);
    const sites = await serverRecords(server, 'Site', 'id name crewID crewGroup');
    const site = sites.find((each) => each['name'] === 'North quarry');
    assert.deepEqual({ crewID: site?.['crewID'], crewGroup: site?.['crewGroup'] }, NORTH);
    northSiteId = String(site?.['id']);
  });

  it("lets a North member add a job and a note there, which reach the server with North's scope", async () => {
    north = await crews.open(NIA, { phone: true });
    await north.page.goto('/sites');
    await north.page.getByRole('link', { name: /North quarry/ }).waitFor({ timeout: 30_000 });
    assert.equal(await north.page.getByRole('link', { name: /South docks/ }).count(), 0);

    jobId = await createJob(north.page, 'Mend the fence', 'North quarry');
    await north.page.getByLabel('Note', { exact: true }).fill('Two posts down by the gate');
    await north.page.getByRole('button', { name: 'Add note' }).tap();
    await north.page.getByRole('list', { name: 'Field notes' }).getByText('Two posts down by the gate').waitFor();
    await outboxDrained(north.page);

    const job = (await serverRecords(server, 'Job', 'id crewID crewGroup')).find((each) => each['id'] === jobId);
    assert.deepEqual({ crewID: job?.['crewID'], crewGroup: job?.['crewGroup'] }, NORTH);
    const note = await eventually(
      'the note on the server',
      async () =>
        (await serverRecords(server, 'FieldNote', 'id jobID crewID crewGroup')).find((n) => n['jobID'] === jobId),
      (found) => found !== undefined,
    );
    assert.deepEqual({ crewID: note?.['crewID'], crewGroup: note?.['crewGroup'] }, NORTH);
  });

  it("uploads a North member's photo into North's folder, where the office sees it", async () => {
    if (!north) throw new Error('the North member’s phone is not open');
    await openJob(north.page, jobId, 'Mend the fence');
    await north.page
      .getByLabel('Photo files')
      .setInputFiles({ name: 'fence.png', mimeType: 'image/png', buffer: png(320, 240, 3) });
    // The crew's credentials reach only its own folder: anywhere else the photo would wait forever.
    // (The bar says "All changes synced" already before the picture is read and saved.)
    await north.page.getByRole('button', { name: 'Photo 1 of 1, uploaded' }).waitFor({ timeout: 30_000 });
    await syncBarSays(north.page, /^All changes synced(?!.*photo)/, 30_000);
    const keys = storedPhotoKeys(server);
    assert.equal(keys.length, 1, keys.join(', '));
    assert.match(keys[0] ?? '', new RegExp(`^public/crews/north/photos/${jobId}/`));

    await openJob(office.page, jobId, 'Mend the fence');
    await office.page.getByRole('button', { name: 'Load Photo 1 of 1' }).click({ timeout: 30_000 });
    await office.page.getByRole('button', { name: 'Photo 1 of 1, uploaded' }).waitFor();
  });

  it('shows a South member neither the North site nor its job, in the lists or by their addresses', async () => {
    south = await crews.open(SOL);
    const { page } = south;
    // South's own job has arrived: North's would have come with the same sync, had the server sent it.
    await page.getByRole('link', { name: /Check dock gates/ }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('link', { name: /Mend the fence/ }).count(), 0);
    // Searching finds nothing of North's either: the device does not hold it.
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('fence');
    await page.getByRole('heading', { name: 'No jobs match' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('');
    await page.goto('/sites');
    await page.getByRole('link', { name: /South docks/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: /North quarry/ }).count(), 0);

    await page.goto(`/jobs/${jobId}`);
    await page.getByRole('heading', { name: 'This job is not on this device', level: 1 }).waitFor();
    await page.goto(`/sites/${northSiteId}`);
    await page.getByRole('heading', { name: 'This site is not on this device', level: 1 }).waitFor();
    // Settings says whose records the phone holds, and counts South's alone.
    await page.goto('/settings');
    await page
      .getByRole('region', { name: 'Storage on this device' })
      .getByText('This device holds the records of South only: 1 site, 1 job, 0 notes and 0 photos.')
      .waitFor();

    // The North member's phone still shows both, so the job and site are there to be shown.
    await openJob(north.page, jobId, 'Mend the fence');
  });

  it('lets the office narrow its jobs list to one crew', async () => {
    const { page } = office;
    await page.goto('/jobs');
    await page.getByRole('link', { name: /Mend the fence/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByRole('combobox', { name: 'Crew' }).selectOption({ label: 'North' });
    await page.getByText('1 of 2 jobs').waitFor();
    assert.equal(await page.getByRole('link', { name: /Check dock gates/ }).count(), 0);
  });

  it("shows a foreman in the office and the North crew North's sites first, and every site on asking", async () => {
    const foreman = await crews.open(FOREMAN, { phone: true });
    const { page } = foreman;
    await page.goto('/sites');
    const mine = page.getByRole('group', { name: 'Which sites' }).getByRole('button', { name: 'Sites of my crew' });
    await mine.waitFor({ timeout: 30_000 });
    assert.equal(await mine.getAttribute('aria-pressed'), 'true');
    await page.getByRole('link', { name: /North quarry/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: /South docks/ }).count(), 0);

    await page.getByRole('button', { name: 'All sites' }).tap();
    await page.getByRole('link', { name: /South docks/ }).waitFor();
    assert.equal(await mine.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.getByRole('link', { name: /North quarry/ }).count(), 1);
  });
});
