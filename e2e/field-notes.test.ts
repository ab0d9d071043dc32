import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { addCrew, type CrewMember } from '../testing/crew-members.ts';
import {
  createJob,
  createSite,
  eventually,
  openJob,
  openSignedInDevice,
  serverRecords,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

const SITE = 'Millbrook Weir';
const ANA: CrewMember = {
  email: 'ana.silva@fieldbook.test',
  name: 'Ana Silva',
  group: 'Crew',
  password: 'Spillway-gauge-4',
  crews: ['weir'],
};
/** Where the phone is: the emulated GPS fix Chromium hands to `navigator.geolocation`. */
const WEIR = { latitude: 51.5074, longitude: -0.1278, accuracy: 8 };

async function serverNote(server: ServerProcess, jobId: string) {
  const notes = await serverRecords(
    server,
    'FieldNote',
    'id jobID body author attributes location { latitude longitude }',
  );
  return notes.find((note) => note['jobID'] === jobId);
}

// A crew member on a phone (390×844, touch) and a second device of the same crew, against the real server.
describe('field notes: location, author and editing, offline and on two devices', { timeout: 240_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let tablet: Device;

  before(async () => {
    server = await startServerProcess();
    // The office sets the site up for Ana's crew; Ana works it on her phone.
    addCrew(server.dbPath, 'weir');
    tablet = await openSignedInDevice(server);
    await waitForServiceWorker(tablet.page);
    await createSite(tablet.page, SITE, 'Weir');
    await syncBarSays(tablet.page, /^All changes synced/);
    phone = await openSignedInDevice(server, { phone: true, as: ANA });
    await waitForServiceWorker(phone.page);
    await syncBarSays(phone.page, /^All changes synced/);
    await phone.context.grantPermissions(['geolocation'], { origin: server.url });
    await phone.context.setGeolocation(WEIR);
  });

  after(async () => {
    await Promise.all([phone?.close(), tablet?.close()]);
    await server?.dispose();
  });

  it('adds a note with the phone’s location and the crew member’s name, edits it offline, and the other device sees it all', async () => {
    const { page, context } = phone;
    const id = await createJob(page, 'Inspect spillway', SITE);

    // The author is whoever signed in: the form says so and asks no name.
    await page.getByText(/Adding as Ana Silva/).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Your name' }).count(), 0);
    await page.getByLabel('Note', { exact: true }).fill('Crack at the spillway crest');
    const location = page.getByRole('group', { name: 'Location' }).first();
    await location.getByRole('button', { name: 'Use my location' }).tap();
    await location.getByText('Location added (accurate to about 8 m).').waitFor();
    await page.getByRole('button', { name: 'Add note' }).tap();
    const notes = page.getByRole('list', { name: 'Field notes' });
    const note = notes.getByRole('listitem').filter({ hasText: 'Crack at the spillway crest' });
    await note.getByText('Location: 51.507400, -0.127800').waitFor();
    await note.getByText(/Ana Silva/).waitFor();
    await syncBarSays(page, /^All changes synced/, 20_000);

    await context.setOffline(true);
    await note.getByRole('button', { name: /Edit note/ }).tap();
    const form = page.getByRole('form', { name: 'Edit field note' });
    await form.getByLabel('Note', { exact: true }).fill('Crack at the spillway crest, 40 cm long');
    await form.getByRole('button', { name: 'Save note' }).tap();
    await form.waitFor({ state: 'detached' });
    const edited = notes.getByRole('listitem').filter({ hasText: 'Crack at the spillway crest, 40 cm long' });
    // Marked as edited on the phone at once, with no connection.
    await edited.getByText(/Edited .+ by Ana Silva/).waitFor();
    await syncBarSays(page, /^Offline · 1 change saved on this device$/);
    assert.equal((await serverNote(server, id))?.['body'], 'Crack at the spillway crest', 'nothing sent offline');

    await context.setOffline(false);
    await syncBarSays(page, /^All changes synced/, 30_000);
    const stored = await eventually(
      'the edit on the server',
      () => serverNote(server, id),
      (found) => found?.['body'] === 'Crack at the spillway crest, 40 cm long',
    );
    assert.equal(stored?.['author'], 'Ana Silva');
    assert.deepEqual(stored?.['location'], { latitude: 51.5074, longitude: -0.1278 });

    await openJob(tablet.page, id, 'Inspect spillway');
    const seen = tablet.page
      .getByRole('list', { name: 'Field notes' })
      .getByRole('listitem')
      .filter({ hasText: 'Crack at the spillway crest, 40 cm long' });
    await seen.waitFor({ timeout: 15_000 });
    await seen
      .getByText(/Ana Silva/)
      .first()
      .waitFor();
    await seen.getByText('Location: 51.507400, -0.127800').waitFor();
    await seen.getByText(/Edited .+ by Ana Silva/).waitFor();
    assert.equal(
      await seen.getByRole('link', { name: /Open in maps/ }).getAttribute('href'),
      'https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278#map=17/51.5074/-0.1278',
    );
  });

  it('an offline edit that meets a newer edit of the same text is kept for review, and can be restored', async () => {
    const id = await createJob(phone.page, 'Read weir gauge', SITE);
    await phone.page.getByLabel('Note', { exact: true }).fill('Gauge 1.2 m');
    await phone.page.getByRole('button', { name: 'Add note' }).click();
    await syncBarSays(phone.page, /^All changes synced/, 20_000);
    await openJob(tablet.page, id, 'Read weir gauge');
    const tabletNote = tablet.page.getByRole('list', { name: 'Field notes' }).getByRole('listitem');
    await tabletNote.getByText('Gauge 1.2 m').waitFor({ timeout: 15_000 });

    await phone.context.setOffline(true);
    await phone.page.getByRole('button', { name: /Edit note/ }).click();
    const phoneForm = phone.page.getByRole('form', { name: 'Edit field note' });
    await phoneForm.getByLabel('Note', { exact: true }).fill('Gauge 1.2 m, staff plate loose');
    await phoneForm.getByRole('button', { name: 'Save note' }).click();
    await phoneForm.waitFor({ state: 'detached' });

    // Meanwhile the other device corrects the same text and syncs first.
    await tabletNote.getByRole('button', { name: /Edit note/ }).click();
    const tabletForm = tablet.page.getByRole('form', { name: 'Edit field note' });
    await tabletForm.getByLabel('Note', { exact: true }).fill('Gauge 1.3 m');
    await tabletForm.getByRole('button', { name: 'Save note' }).click();
    await eventually(
      'the other device’s edit on the server',
      () => serverNote(server, id),
      (found) => found?.['body'] === 'Gauge 1.3 m',
    );

    // Auto Merge keeps the server's text; the phone's is not dropped but put up for review.
    await phone.context.setOffline(false);
    await syncBarSays(phone.page, /1 change needs your review/, 30_000);
    assert.equal((await serverNote(server, id))?.['body'], 'Gauge 1.3 m');
    await phone.page.getByRole('link', { name: /Conflicts\s+\(1 to review\)/ }).click();
    const entry = phone.page.getByRole('article', { name: /Gauge 1\.3 m/ });
    await entry
      .getByText(/Your note “Gauge 1\.2 m, staff plate loose” was replaced by “Gauge 1\.3 m”/)
      .waitFor({ timeout: 15_000 });
    // Only the text is the user's to decide: the edit mark merges quietly.
    assert.doesNotMatch((await entry.textContent()) ?? '', /attributes|editedAt/i);
    await entry.getByRole('button', { name: 'Restore mine' }).click();
    await phone.page.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    await eventually(
      'the phone’s text restored on the server',
      () => serverNote(server, id),
      (found) => found?.['body'] === 'Gauge 1.2 m, staff plate loose',
    );
    await tabletNote.getByText('Gauge 1.2 m, staff plate loose').waitFor({ timeout: 15_000 });
  });
});
