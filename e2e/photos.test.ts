import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import {
  createJob,
  createSite,
  eventually,
  openJob,
  openSignedInDevice,
  serverRecords,
  storedPhotoKeys,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { gate as holdGate } from '../testing/gate.ts';
import { png } from '../testing/png.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { WriteGate } from './support/write-gate.ts';

const SITE = 'Harbour Pumping Station';

async function attach(device: Device, name: string, seed: number): Promise<void> {
  await device.page
    .getByLabel('Photo files')
    .setInputFiles({ name, mimeType: 'image/png', buffer: png(320, 240, seed) });
}

/** Opens the photo in the job's gallery and deletes it, as a person does, confirm step included. */
async function deletePhoto(device: Device, name: RegExp): Promise<void> {
  await device.page.getByRole('button', { name }).click();
  await device.page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await device.page.getByRole('button', { name: 'Delete photo' }).click();
  // The viewer stays open on the next photo, if any; back to the gallery.
  const viewer = device.page.getByRole('dialog');
  if (await viewer.isVisible()) await viewer.getByRole('button', { name: 'Close' }).click();
  await viewer.waitFor({ state: 'hidden' });
}

/** Starts noting every text and tone the sync bar shows, for `barSaid` to read back. */
async function noteSyncBar(page: Page): Promise<void> {
  // Sent as source: the runner's transform would name an inner function with a helper the page lacks.
  await page.evaluate(`(() => {
    const bar = document.querySelector('fb-sync-bar [role="status"]');
    const said = (globalThis.fieldbookBarSaid = []);
    const note = () => said.push(bar.className + ' | ' + bar.textContent.trim());
    note();
    new MutationObserver(note).observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
}

const barSaid = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { fieldbookBarSaid: string[] }).fieldbookBarSaid);

const puts = (gate: WriteGate) => gate.passed.filter((request) => request.startsWith('PUT /s3/'));

// A phone (through a proxy that counts and can hold the server's answers) and a tablet, against the real server.
describe('photos: attached offline, uploaded once, seen on another device', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let gate: WriteGate;
  let phone: Device;
  let tablet: Device;
  let jobId: string;

  before(async () => {
    server = await startServerProcess();
    gate = await WriteGate.start(server.port);
    phone = await openSignedInDevice(server, { url: gate.url, phone: true });
    tablet = await openSignedInDevice(server);
    await Promise.all([phone.page.goto('/jobs'), tablet.page.goto('/jobs')]);
    await Promise.all([waitForServiceWorker(phone.page), waitForServiceWorker(tablet.page)]);
    await createSite(phone.page, SITE);
    jobId = await createJob(phone.page, 'Replace intake screen', SITE);
    await syncBarSays(phone.page, /^All changes synced/, 20_000);
  });

  after(async () => {
    await Promise.all([phone?.close(), tablet?.close()]);
    await gate?.stop();
    await server?.dispose();
  });

  it('shows a photo attached offline at once and after an offline reload, uploads it online, and the tablet loads it', async () => {
    const { page, context } = phone;
    await context.setOffline(true);
    await attach(phone, 'intake.png', 1);

    const waiting = page.getByRole('button', { name: 'Photo 1 of 1, waiting to upload' });
    await waiting.waitFor();
    await syncBarSays(page, /· 1 photo waiting to upload$/);
    await page.reload();
    await waiting.waitFor();
    assert.deepEqual(puts(gate), [], 'nothing sent offline');
    // Offline is not an upload error: the photo waits for a connection.
    const photos = page.getByRole('region', { name: /^Photos/ });
    await photos.getByRole('status').getByText('Uploads once the device is online again.').waitFor();
    assert.doesNotMatch((await photos.getByRole('status').textContent()) ?? '', /failed/);

    await noteSyncBar(page);
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Photo 1 of 1, uploaded' }).waitFor({ timeout: 30_000 });
    await syncBarSays(page, /^All changes synced(?!.*photo)/, 30_000);
    assert.equal(puts(gate).length, 1, 'one PutObject');
    // Until the photo was on the server the bar never called everything synced, nor showed green.
    const said = await barSaid(page);
    assert.ok(said.some((line) => /1 photo waiting to upload/.test(line)));
    assert.deepEqual(
      said.filter((line) => /photo waiting/.test(line) && /All changes synced|\bok\b/.test(line)),
      [],
    );

    await openJob(tablet.page, jobId, 'Replace intake screen');
    await tablet.page.getByRole('button', { name: 'Load Photo 1 of 1' }).click({ timeout: 30_000 });
    await tablet.page.getByRole('button', { name: 'Photo 1 of 1, uploaded' }).click();
    const viewer = tablet.page.getByRole('dialog', { name: 'Photo 1 of 1' });
    const image = viewer.getByRole('img', { name: 'Photo 1 of 1' });
    await eventually(
      'the full photo decoded',
      () => image.evaluate((img: HTMLImageElement) => img.naturalWidth),
      (w) => w === 320,
    );
    // Kept on the tablet: it shows offline after a reload.
    await tablet.context.setOffline(true);
    await tablet.page.reload();
    await tablet.page.getByRole('button', { name: 'Photo 1 of 1, uploaded' }).waitFor();
    await tablet.context.setOffline(false);
  });

  it('resumes an upload cut by a reload without sending the same photo twice', async () => {
    const { page } = phone;
    const answer = holdGate();
    gate.holdAnswer = (request) => (request.startsWith('PUT /s3/') ? answer.hold() : undefined);
    const before = puts(gate).length;

    await attach(phone, 'valve.png', 2);
    await answer.arrived;
    // The server has the photo; the phone never hears so, and reloads.
    await page.reload();
    gate.holdAnswer = undefined;
    answer.open();

    await page.getByRole('button', { name: 'Photo 2 of 2, uploaded' }).waitFor({ timeout: 30_000 });
    const sent = puts(gate).slice(before);
    assert.equal(sent.length, 1, `one PutObject of the photo: ${sent.join(', ')}`);
    const key = sent[0]!.split('?')[0]!.replace('PUT ', '');
    assert.ok(
      gate.passed.some((request) => request.startsWith(`HEAD ${key}`)),
      'the next attempt asked whether it was there',
    );
    await syncBarSays(page, /^(?!.*photo)/);
  });

  it('says a photo waits for the server, not that an upload failed, while the link drops every upload', async () => {
    const { page } = phone;
    // Signal gone but the phone still "online": each request to storage loses its connection.
    gate.dropRequest = (request) => request.includes(' /s3/');
    await attach(phone, 'strainer.png', 3);
    const photos = page.getByRole('region', { name: /^Photos/ });
    const status = await eventually(
      'the photos’ status to say why the photo waits',
      async () => (await photos.getByRole('status').textContent())?.trim() ?? '',
      (text) => /trying again/.test(text),
      20_000,
    );
    assert.equal(status, '1 photo waiting to upload · Uploads once the server can be reached; trying again.');
    await syncBarSays(page, /1 photo waiting to upload$/);

    gate.dropRequest = undefined;
    await page.getByRole('button', { name: 'Photo 3 of 3, uploaded' }).waitFor({ timeout: 30_000 });
    await syncBarSays(page, /^All changes synced(?!.*photo)/, 30_000);
  });

  it('ends with exactly the photos still attached in storage, after deletes on one device meet uploads on another', async () => {
    const jobTitle = 'Inspect pump house';
    const pumpJob = await createJob(phone.page, jobTitle, SITE);
    await syncBarSays(phone.page, /^All changes synced/, 20_000);
    await openJob(tablet.page, pumpJob, jobTitle);

    // The tablet, offline, attaches two photos and deletes one of them before it was ever uploaded.
    await tablet.context.setOffline(true);
    await attach(tablet, 'gauge.png', 5);
    await tablet.page.getByRole('button', { name: 'Photo 1 of 1, waiting to upload' }).waitFor();
    await attach(tablet, 'wrong.png', 6);
    await deletePhoto(tablet, /^Photo 2 of 2, waiting to upload/);
    await tablet.page.getByRole('button', { name: 'Photo 1 of 1, waiting to upload' }).waitFor();

    // Meanwhile the phone attaches the very same picture as the tablet's first.
    await phone.page.goto(`/jobs/${pumpJob}`);
    await attach(phone, 'gauge-copy.png', 5);
    await phone.page.getByRole('button', { name: 'Photo 1 of 1, uploaded' }).waitFor({ timeout: 30_000 });

    // Back online, the tablet uploads its photo, then deletes it: the phone's copy must keep its bytes.
    await tablet.context.setOffline(false);
    await syncBarSays(tablet.page, /^All changes synced(?!.*photo)/, 30_000);
    await deletePhoto(tablet, /^Photo 1 of 2, uploaded/);
    await syncBarSays(tablet.page, /^All changes synced/, 30_000);

    // The phone attaches one more; its upload is held before it reaches the server while the
    // tablet deletes the photo (from its record alone); then the upload goes through.
    const send = holdGate();
    gate.holdRequest = (request) => (request.startsWith('PUT /s3/') ? send.hold() : undefined);
    await attach(phone, 'late.png', 7);
    await send.arrived;
    await deletePhoto(tablet, /^Photo 2 of 2, not uploaded yet/);
    await syncBarSays(tablet.page, /^All changes synced/, 30_000);
    await phone.page.getByRole('button', { name: /^Photo 1 of 1, uploaded/ }).waitFor({ timeout: 30_000 });
    gate.holdRequest = undefined;
    send.open();

    const live = async () =>
      (await serverRecords(server, 'Attachment', 'id jobID key uploadedAt')).filter(
        (photo) => photo['jobID'] === pumpJob && !photo['_deleted'],
      );
    const [kept] = await eventually(
      'one photo attached, marked uploaded',
      live,
      (photos) => photos.length === 1 && typeof photos[0]?.['uploadedAt'] === 'string',
      30_000,
    );
    await eventually(
      'storage holding exactly the attached photo: nothing orphaned, nothing missing',
      async () => storedPhotoKeys(server, pumpJob),
      (keys) => keys.length === 1 && keys[0] === kept?.['key'],
      30_000,
    );
    await syncBarSays(phone.page, /^All changes synced(?!.*photo)/, 30_000);
  });
});
