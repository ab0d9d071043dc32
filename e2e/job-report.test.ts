import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { createJob, openSignedInDevice, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { pdfPageTexts } from './support/pdf-text.ts';

const TITLE = 'Inspect intake screens';
const ITEMS = ['Isolate pumps', 'Clear screen 2', 'Photograph the sump'];
const TICKED = ITEMS.slice(0, 2);
const NOTES = [
  { body: 'Pressure before clearing', reading: '4,2', unit: 'bar', shown: '4.2 bar' },
  { body: 'Flow after clearing', reading: '71.5', unit: 'l/s', shown: '71.5 l/s' },
];

/** Spaces as a person reads them: PDF text comes in runs and lines. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

// A job with a checklist and readings, recorded online; its report opened and printed with no network.
describe('job report, offline', { timeout: 240_000 }, () => {
  let server: ServerProcess;
  let device: Device;
  let jobId = '';

  before(async () => {
    server = await startServerProcess();
    // The notes' author in the report is the person signed in.
    device = await openSignedInDevice(server, {
      as: { email: 'ana.lopez@fieldbook.test', name: 'Ana Lopez', group: 'Office', password: 'Harbour-report-9' },
    });
    const { page } = device;
    await waitForServiceWorker(page);

    await page.goto('/sites/new');
    await page.getByLabel('Name (required)').fill('Harbour Pump Station');
    await page.getByLabel('Address').fill('1 Quay Road, Porthaven');
    await page.getByRole('button', { name: 'Save site' }).click();
    await page.getByRole('heading', { name: 'Harbour Pump Station' }).waitFor();

    jobId = await createJob(page, TITLE, 'Harbour Pump Station');
    for (const item of ITEMS) {
      await page.getByLabel('New checklist item').fill(item);
      await page.getByRole('button', { name: 'Add item' }).click();
      await page.getByRole('checkbox', { name: item }).waitFor();
    }
    for (const item of TICKED) {
      await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('checkbox', { name: item, checked: true }).waitFor();
    }
    for (const note of NOTES) {
      await page.getByLabel('Note', { exact: true }).fill(note.body);
      await page.getByLabel('Reading').fill(note.reading);
      await page.getByLabel('Unit').fill(note.unit);
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByRole('list', { name: 'Field notes' }).getByText(note.body).waitFor();
    }
    await syncBarSays(page, /^All changes synced/, 30_000);
    await device.context.setOffline(true);
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
  });

  it('opens from the job page with no network and shows the details, checklist and readings', async () => {
    const { page } = device;
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the app is cached');
    await page.goto(`/jobs/${jobId}`);
    await page.getByRole('link', { name: 'Report' }).click();

    // The job page's heading is the job's title too: the report is open once its address is.
    await page.waitForURL((url) => url.pathname === `/jobs/${jobId}/report`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    assert.equal(await page.title(), `${TITLE} · Job report · Fieldbook`);
    const checklist = page.getByRole('region', { name: /^Checklist/ });
    for (const item of ITEMS) {
      const done = TICKED.includes(item) ? 'Done' : 'Not done';
      assert.match(
        flat(await checklist.getByRole('row', { name: new RegExp(`^${item}`) }).innerText()),
        new RegExp(`^${item} ${done}`),
      );
    }
    const notes = page.getByRole('region', { name: /^Field notes/ });
    for (const note of NOTES) await notes.getByText(`Reading: ${note.shown}`).waitFor();
    await notes.getByText('Ana Lopez').first().waitFor();
  });

  it('prints black on white without the app’s navigation, sync bar or buttons, also in the dark theme', async () => {
    const { page } = device;
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    try {
      assert.ok(await page.getByRole('heading', { level: 1, name: TITLE }).isVisible());
      for (const chrome of [
        page.getByRole('navigation', { name: 'Main' }),
        page.locator('fb-sync-bar'),
        page.getByRole('button', { name: 'Print or save as PDF' }),
        page.getByRole('link', { name: 'Back to job' }),
      ]) {
        assert.equal(await chrome.isVisible(), false, `${chrome} is hidden on paper`);
      }
      const colours = await page.evaluate(() => ({
        page: getComputedStyle(document.documentElement).backgroundColor,
        body: getComputedStyle(document.body).backgroundColor,
        title: getComputedStyle(document.querySelector('h1') ?? document.body).color,
        note: getComputedStyle(document.querySelector('.report-notes li') ?? document.body).color,
      }));
      assert.deepEqual(colours, {
        page: 'rgb(255, 255, 255)',
        body: 'rgba(0, 0, 0, 0)',
        title: 'rgb(0, 0, 0)',
        note: 'rgb(0, 0, 0)',
      });
    } finally {
      await page.emulateMedia({ media: null, colorScheme: null });
    }
  });

  it('saves as a PDF that holds the title, the checklist and the readings', async () => {
    const { page } = device;
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 5_000, `a real PDF (${pdf.length} bytes)`);

    const text = flat(pdfPageTexts(pdf).join('\n'));
    for (const expected of [
      TITLE,
      'Harbour Pump Station',
      '1 Quay Road, Porthaven',
      'Checklist 2 of 3 done',
      ...ITEMS,
      'Isolate pumps Done',
      'Photograph the sump Not done',
      ...NOTES.flatMap((note) => [note.body, `Reading: ${note.shown}`]),
      'Ana Lopez',
    ]) {
      assert.ok(text.includes(expected), `the PDF says “${expected}”:\n${text}`);
    }
    for (const absent of ['Print or save as PDF', 'Dashboard', 'Offline']) {
      assert.ok(!text.includes(absent), `the PDF leaves out “${absent}”:\n${text}`);
    }
  });

  it('copies a text summary and the report’s address where the browser has no share sheet', async () => {
    const { page, context } = device;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    assert.equal(await page.evaluate(() => 'share' in navigator), false, 'headless Chromium on Linux cannot share');

    await page.getByRole('button', { name: 'Copy summary' }).click();
    await page.getByRole('status').filter({ hasText: 'The summary and the link are copied.' }).waitFor();

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, new RegExp(`^Job report: ${TITLE}\n`));
    assert.ok(copied.includes('[x] Isolate pumps (ticked '), copied);
    assert.ok(copied.includes('[ ] Photograph the sump'), copied);
    assert.ok(copied.includes('Flow after clearing (reading 71.5 l/s)'), copied);
    assert.ok(copied.endsWith(`\n${server.url}/jobs/${jobId}/report`), copied);
  });
});
