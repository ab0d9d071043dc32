import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { addCrew, type CrewMember } from '../testing/crew-members.ts';
import {
  createJob,
  editJobField,
  eventually,
  openDeviceWithSite,
  openJob,
  openSignedInDevice,
  serverRecords,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

const SITE = 'Millbrook Reservoir';

/** The history names whoever was signed in: Ana in the office set the site up, Ben of the crew works it. */
const ANA: CrewMember = {
  email: 'ana.ruiz@fieldbook.test',
  name: 'Ana Ruiz',
  group: 'Office',
  password: 'Reservoir-office-3',
};
const BEN: CrewMember = {
  email: 'ben.okafor@fieldbook.test',
  name: 'Ben Okafor',
  group: 'Crew',
  password: 'Reservoir-crew-5',
  crews: ['reservoir'],
};

describe('a job’s history on two devices', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let tablet: Device;

  before(async () => {
    server = await startServerProcess();
    addCrew(server.dbPath, 'reservoir');
    phone = await openDeviceWithSite(server, SITE, { as: ANA, crew: 'Reservoir' });
    tablet = await openSignedInDevice(server, { as: BEN });
    await tablet.page.goto('/jobs');
    await waitForServiceWorker(tablet.page);
    await syncBarSays(tablet.page, /^All changes synced/);
  });

  after(async () => {
    await Promise.all([phone?.close(), tablet?.close()]);
    await server?.dispose();
  });

  it('shows who changed what on which device, and restores an earlier title on every device', async () => {
    const id = await createJob(phone.page, 'Survey spillway', SITE);
    await openJob(tablet.page, id, 'Survey spillway');
    await editJobField(tablet.page, id, 'Title', 'Survey spillway and weir');
    await editJobField(phone.page, id, 'Priority', 'High');
    await eventually(
      'both edits on the server',
      () => serverRecords(server, 'Job', 'id title priority'),
      (jobs) => jobs.some((job) => job['title'] === 'Survey spillway and weir' && job['priority'] === 'HIGH'),
    );

    await openJob(phone.page, id, 'Survey spillway and weir');
    // Each entry is a top-level item; its fields are items of a nested list.
    const entries = phone.page.getByRole('list', { name: 'Changes, newest first' }).locator(':scope > li');
    const rename = entries.filter({ hasText: 'Title: “Survey spillway” → “Survey spillway and weir”' });
    await rename.waitFor({ timeout: 10_000 });
    assert.match((await rename.textContent()) ?? '', /Ben Okafor changed ·.*Computer · [0-9A-F]{4}/s);
    await entries.filter({ hasText: 'Priority: “Normal” → “High”' }).getByText('Ana Ruiz changed').waitFor();
    await entries.filter({ hasText: 'Ana Ruiz created it' }).waitFor();

    await rename.getByRole('button', { name: 'Restore title “Survey spillway”' }).click();
    await phone.page.getByRole('heading', { name: 'Survey spillway', level: 1 }).waitFor();
    await entries.filter({ hasText: 'Ana Ruiz restored' }).waitFor();

    // The restore is an ordinary edit: it reaches the server and the tablet, keeping the other edit.
    await eventually(
      'the restored title on the server',
      () => serverRecords(server, 'Job', 'id title priority'),
      (jobs) => jobs.some((job) => job['title'] === 'Survey spillway' && job['priority'] === 'HIGH'),
    );
    await openJob(tablet.page, id, 'Survey spillway');
    await tablet.page
      .getByRole('list', { name: 'Changes, newest first' })
      .locator(':scope > li')
      .filter({ hasText: 'Ana Ruiz restored' })
      .waitFor({ timeout: 10_000 });
  });

  it('marks a change the server refused for its author’s role as not in force on the other device', async () => {
    const id = await createJob(phone.page, 'Grease the sluice gate', SITE);
    await editJobField(phone.page, id, 'Assignee', 'Ben Okafor');
    await openJob(tablet.page, id, 'Grease the sluice gate');
    await tablet.page.getByText('Ben Okafor').first().waitFor();
    // A Crew edit may not clear a field: the server answers Unauthorized, the history entry it wrote goes through.
    await editJobField(tablet.page, id, 'Assignee', '');
    await tablet.page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ }).waitFor({ timeout: 20_000 });

    // Ben's phone knows from its review list; Ana's has only the entry and the job as the server keeps it.
    await openJob(tablet.page, id, 'Grease the sluice gate');
    const own = tablet.page
      .getByRole('list', { name: 'Changes, newest first' })
      .locator(':scope > li')
      .filter({ hasText: 'Ben Okafor changed' })
      .filter({ hasText: 'Assignee' });
    await own.getByText('Not saved: waiting for your review').waitFor();
    await openJob(phone.page, id, 'Grease the sluice gate');
    const cleared = phone.page
      .getByRole('list', { name: 'Changes, newest first' })
      .locator(':scope > li')
      .filter({ hasText: 'Ben Okafor changed' })
      .filter({ hasText: 'Assignee' });
    await cleared.getByText('Not in force: the server holds another value').waitFor({ timeout: 20_000 });
    assert.equal(await cleared.getByRole('button', { name: /^Restore assignee/ }).count(), 0);
    const [job] = (await serverRecords(server, 'Job', 'id assignee')).filter((each) => each['id'] === id);
    assert.equal(job?.['assignee'], 'Ben Okafor');
  });
});
