import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { type CrewMember } from '../testing/crew-members.ts';
import { createJob, createSite, eventually, openSignedInDevice, syncBarSays } from '../testing/fieldbook.ts';
import { png } from '../testing/png.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { describeFailures, measureContrast } from './support/contrast.ts';
import { pdfPageTexts } from './support/pdf-text.ts';
import { largeTextPage, sideways } from './support/reflow.ts';

const SITE = 'Harbour Pump Station';
const TITLE = 'Clear the intake screens';
const NOTE = 'Screen 2 partly blocked by weed, cleared by hand';
const CAPTION = 'Screen 2 before clearing';
const TECHNICIAN: CrewMember = {
  email: 'ana.lopez@fieldbook.test',
  name: 'Ana Lopez',
  group: 'Office',
  password: 'Harbour-photo-9',
};

/** Spaces as a person reads them: PDF text comes in runs and lines. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The report's photo as laid out now, and the page's width. */
async function photoBox(page: Page) {
  const image = page.getByRole('region', { name: /^Photos/ }).getByRole('img', { name: CAPTION });
  await eventually(
    'the photo decoded',
    () => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    (width) => width === 640,
  );
  return image.evaluate((img) => {
    const { left, right, width, height } = img.getBoundingClientRect();
    return { left, right, width, height, page: document.documentElement.clientWidth };
  });
}

// A technician on a phone photographs what a note describes, finishes the job, and opens its report.
describe('job report: the job’s photos, its reference, and who completed it when', { timeout: 240_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let jobId = '';

  before(async () => {
    server = await startServerProcess();
    phone = await openSignedInDevice(server, { phone: true, as: TECHNICIAN });
    const { page } = phone;
    await createSite(page, SITE);
    jobId = await createJob(page, TITLE, SITE);

    await page.getByLabel('Note', { exact: true }).fill(NOTE);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('list', { name: 'Field notes' }).getByText(NOTE).waitFor();

    const photos = page.getByRole('region', { name: /^Photos/ });
    await photos.getByRole('textbox', { name: 'Caption' }).fill(CAPTION);
    await photos.getByRole('combobox', { name: 'For' }).selectOption({ index: 1 });
    await page
      .getByLabel('Photo files')
      .setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: png(640, 480, 3) });
    await photos.getByRole('button', { name: new RegExp(`^Photo 1 of 1: ${CAPTION}, on Note 1 `) }).waitFor();

    await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Done', pressed: true }).waitFor();
    await syncBarSays(page, /^All changes synced(?!.*photo)/, 30_000);
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('shows the photo with its caption and note, the reference, and “Completed … by …” on the phone', async () => {
    const { page } = phone;
    const reference = `Ref. ${jobId.slice(0, 8).toUpperCase()}`;
    await page
      .getByRole('definition')
      .filter({ hasText: reference.slice(5) })
      .waitFor();
    await page.getByRole('link', { name: 'Report' }).click();
    await page.waitForURL((url) => url.pathname === `/jobs/${jobId}/report`);
    await page.getByRole('heading', { name: 'Details', level: 2 }).waitFor();

    await page.getByText(reference, { exact: true }).waitFor();
    const details = flat(await page.getByRole('region', { name: 'Details' }).innerText());
    assert.match(details, /Status Done Completed \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d [AP]M by Ana Lopez /);

    const photo = page.getByRole('region', { name: /^Photos/ }).getByRole('listitem');
    assert.equal(await photo.count(), 1);
    assert.equal(flat(await photo.locator('figcaption').innerText()), `${CAPTION} Note: ${NOTE}`);
    const box = await photoBox(page);
    assert.ok(box.left >= 0 && box.right <= box.page, `the photo fits the phone's width: ${JSON.stringify(box)}`);
    assert.deepEqual(await sideways(page), []);
  });

  it('prints the photo within the page width, no taller than half a page, and the PDF holds it all', async () => {
    const { page } = phone;
    await page.emulateMedia({ media: 'print' });
    try {
      const box = await photoBox(page);
      assert.ok(box.left >= 0 && box.right <= box.page, `the photo fits the paper's width: ${JSON.stringify(box)}`);
      // 11 cm at 96 px to the inch: about half an A4 page inside its margins.
      assert.ok(box.height <= 416, `the photo is at most half a page high: ${JSON.stringify(box)}`);
      // Two to a row on paper, even from a phone.
      assert.ok(box.width <= box.page / 2, `the photo takes half the paper's width at most: ${JSON.stringify(box)}`);
      assert.deepEqual(await sideways(page), []);
    } finally {
      await page.emulateMedia({ media: null });
    }

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = flat(pdfPageTexts(pdf).join('\n'));
    for (const expected of [
      TITLE,
      `Ref. ${jobId.slice(0, 8).toUpperCase()}`,
      'by Ana Lopez',
      CAPTION,
      `Note: ${NOTE}`,
    ]) {
      assert.ok(text.includes(expected), `the PDF says “${expected}”:\n${text}`);
    }
    assert.ok(pdf.includes('/Subtype /Image'), 'the PDF holds an image');
  });

  it('reads at 150 % text in the dark theme: nothing sideways, text readable', async () => {
    const page = await largeTextPage(phone);
    try {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`/jobs/${jobId}/report`);
      await page.getByRole('heading', { name: 'Details', level: 2 }).waitFor();
      await photoBox(page);

      assert.deepEqual(await sideways(page), []);
      const contrast = await measureContrast(page);
      assert.deepEqual(contrast.failures, [], describeFailures(contrast));
    } finally {
      await page.close();
    }
  });
});
