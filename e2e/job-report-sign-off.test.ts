import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { type CrewServer, startCrewServer } from '../testing/crew-devices.ts';
import { NORTH_MEMBER } from '../testing/crew-members.ts';
import { createJob, createSite, openJob, outboxDrained, syncBarSays } from '../testing/fieldbook.ts';
import { png } from '../testing/png.ts';
import { pdfPageTexts } from './support/pdf-text.ts';
import { sideways } from './support/reflow.ts';

const SITE = 'Harbour Pump Station';
const TITLE = 'Replace the pump seal';
const SIGNER = 'Kim Customer';

/** Spaces as a person reads them: PDF text comes in runs and lines. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Signs in the signature box with a zig-zag, as a finger would. */
async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: /^Signature box/ });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature box is not on screen');
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [x, y] of [
    [0.2, 0.3],
    [0.3, 0.7],
    [0.45, 0.25],
    [0.6, 0.65],
    [0.8, 0.4],
  ] as const) {
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 4 });
  }
  await page.mouse.up();
}

// A technician finishes a job with two photos and, with no signal, has the customer sign the report
// on the phone; back in signal, the office prints the signed report to PDF on its desktop.
describe('job report sign-off: signed offline on a phone, printed signed in the office', { timeout: 240_000 }, () => {
  let crews: CrewServer;
  let office: Device;
  let phone: Device;
  let jobId = '';

  before(async () => {
    crews = await startCrewServer();
    ({ office } = crews);
    await createSite(office.page, SITE, 'North');
    jobId = await createJob(office.page, TITLE, SITE);
    await outboxDrained(office.page);

    phone = await crews.open(NORTH_MEMBER, { phone: true });
    await phone.page.getByRole('link', { name: new RegExp(TITLE) }).waitFor({ timeout: 30_000 });
    await openJob(phone.page, jobId, TITLE);
    await phone.page.getByLabel('Photo files').setInputFiles([
      { name: 'before.png', mimeType: 'image/png', buffer: png(320, 240, 3) },
      { name: 'after.png', mimeType: 'image/png', buffer: png(320, 240, 9) },
    ]);
    const photos = phone.page.getByRole('region', { name: /^Photos/ });
    await photos.getByRole('button', { name: /^Photo 2 of 2/ }).waitFor({ timeout: 30_000 });
    await phone.page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Done' }).click();
    await syncBarSays(phone.page, /^All changes synced(?!.*photo)/, 30_000);
  });

  after(() => crews?.close());

  it('lets the customer sign the report on the phone with no signal, and shows who signed and when', async () => {
    const { page, context } = phone;
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Report' }).click();
    const signOff = page.getByRole('region', { name: 'Sign-off' });
    await signOff.getByText('Not signed.').waitFor();
    await signOff.getByRole('button', { name: 'Sign the report' }).click();
    await signOff.getByRole('textbox', { name: 'Name of the person signing' }).fill(SIGNER);
    await drawSignature(page);
    assert.deepEqual(await sideways(page), [], 'the signature box fits the phone');
    await signOff.getByRole('button', { name: 'Sign the report' }).click();

    await signOff.getByRole('img', { name: `Signature of ${SIGNER}` }).waitFor();
    assert.match(flat(await signOff.getByRole('figure').innerText()), new RegExp(`^Signed by ${SIGNER} · \\w{3} \\d`));
    await syncBarSays(page, /^Offline · 1 change saved on this device$/);
    await context.setOffline(false);
    await syncBarSays(page, /^All changes synced/, 30_000);
  });

  it('prints the signed report in the office: both photos, the signature, the signer and the time', async () => {
    const { page } = office;
    await openJob(page, jobId, TITLE);
    for (const n of [1, 2]) {
      await page.getByRole('button', { name: `Load Photo ${n} of 2` }).click({ timeout: 30_000 });
      await page.getByRole('button', { name: new RegExp(`^Photo ${n} of 2.*uploaded`) }).waitFor({ timeout: 30_000 });
    }
    await page.getByRole('link', { name: 'Report' }).click();
    const signOff = page.getByRole('region', { name: 'Sign-off' });
    await signOff.getByRole('img', { name: `Signature of ${SIGNER}` }).waitFor({ timeout: 30_000 });
    const signedLine = flat(await signOff.getByRole('figure').innerText());
    assert.equal(await signOff.getByText(/Changed after signing/).count(), 0, 'the report is as signed');
    assert.equal(
      await page
        .getByRole('region', { name: /^Photos/ })
        .getByRole('img')
        .count(),
      2,
    );

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = flat(pdfPageTexts(pdf).join('\n'));
    for (const expected of [TITLE, signedLine]) {
      assert.ok(text.includes(expected), `the PDF says “${expected}”:\n${text}`);
    }
    assert.ok(!text.includes('Sign the report'), 'the signing form is not printed');
    const images = pdf.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? [];
    assert.ok(images.length >= 3, `the PDF holds both photos and the signature: ${images.length} images`);
  });

  it('says the report changed after signing once the job is edited', async () => {
    const { page } = office;
    await page.getByRole('link', { name: 'Back to job' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Seal housing cracked too');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('list', { name: 'Field notes' }).getByText('Seal housing cracked too').waitFor();
    await page.getByRole('link', { name: 'Report' }).click();
    await page
      .getByRole('region', { name: 'Sign-off' })
      .getByText(/Changed after signing/)
      .waitFor();
  });
});
