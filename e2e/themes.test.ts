import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { createJob, createSite, openJob, openSignedInDevice } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { describeFailures, luminanceOf, measureContrast } from './support/contrast.ts';

const TITLE = 'Check the sump alarm';

type Media = Parameters<Page['emulateMedia']>[0];

const THEMES: readonly { readonly name: string; readonly media: Media; readonly dark: boolean | null }[] = [
  { name: 'light', media: { colorScheme: 'light' }, dark: false },
  { name: 'dark', media: { colorScheme: 'dark' }, dark: true },
  { name: 'light, more contrast', media: { colorScheme: 'light', contrast: 'more' }, dark: false },
  { name: 'dark, more contrast', media: { colorScheme: 'dark', contrast: 'more' }, dark: true },
  // The system picks the colours; what the app controls is that every state still reads.
  { name: 'forced colours', media: { forcedColors: 'active' }, dark: null },
];

// Every screen reads in the device's theme: text against its background meets WCAG AA.
describe('themes follow the device and keep text readable', { timeout: 240_000 }, () => {
  let server: ServerProcess;
  let device: Device;
  let jobId = '';

  before(async () => {
    server = await startServerProcess();
    device = await openSignedInDevice(server);
    const { page } = device;
    await createSite(page, 'North Reservoir');
    jobId = await createJob(page, TITLE, 'North Reservoir');
    await page.getByRole('button', { name: 'In progress' }).click();
    for (const item of ['Test the float switch', 'Log the alarm time']) {
      await page.getByLabel('New checklist item').fill(item);
      await page.getByRole('button', { name: 'Add item' }).click();
    }
    await page.getByRole('checkbox', { name: 'Test the float switch' }).check();
    await page.getByLabel('Note', { exact: true }).fill('Alarm sounded at high level');
    await page.getByLabel('Reading').fill('1.8');
    await page.getByLabel('Unit').fill('m');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('list', { name: 'Field notes' }).getByText('Alarm sounded').waitFor();
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
  });

  for (const theme of THEMES) {
    it(`${theme.name}: the jobs list, a job page and its report meet WCAG AA contrast`, async () => {
      const { page } = device;
      await page.emulateMedia(theme.media);
      try {
        await page.goto('/jobs');
        await page.getByRole('button', { name: /^All/ }).click();
        await page.getByText(TITLE).first().waitFor();
        const list = await measureContrast(page);

        await openJob(page, jobId, TITLE);
        await page.getByText('Alarm sounded at high level').waitFor();
        const job = await measureContrast(page);

        await page.getByRole('link', { name: 'Report' }).click();
        // The job page has a "Field notes" region with the same reading: wait for the report itself.
        await page.waitForURL(new RegExp(`/jobs/${jobId}/report$`));
        await page.getByRole('heading', { name: 'Details', level: 2 }).waitFor();
        await page
          .getByRole('region', { name: /^Field notes/ })
          .getByText('Reading: 1.8 m')
          .waitFor();
        const report = await measureContrast(page);

        for (const [screen, measured] of [
          ['jobs list', list],
          ['job page', job],
          ['job report', report],
        ] as const) {
          assert.ok(measured.measured > 15, `${screen}: text measured (${measured.measured})`);
          assert.deepEqual(measured.failures, [], `${screen} in ${theme.name}:\n${describeFailures(measured)}`);
          if (theme.dark !== null) {
            const background = luminanceOf(measured.pageBackground);
            if (theme.dark) assert.ok(background < 0.02, `${screen}: a dark page (${measured.pageBackground})`);
            else assert.ok(background > 0.85, `${screen}: a light page (${measured.pageBackground})`);
          }
        }
      } finally {
        await page.emulateMedia({ colorScheme: null, contrast: null, forcedColors: null });
      }
    });
  }

  it('forced colours: the pressed status is still marked without its background colour', async () => {
    const { page } = device;
    await openJob(page, jobId, TITLE);
    const pressed = page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'In progress' });
    const other = page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Open' });
    await page.emulateMedia({ forcedColors: 'active' });
    try {
      const backgrounds = await Promise.all(
        [pressed, other].map((button) => button.evaluate((element) => getComputedStyle(element).backgroundColor)),
      );
      assert.notEqual(backgrounds[0], backgrounds[1], 'the pressed button looks different');
    } finally {
      await page.emulateMedia({ forcedColors: null });
    }
  });
});
