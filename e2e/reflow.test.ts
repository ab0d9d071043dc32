import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device, openDevice } from '../testing/browser.ts';
import { createJob, createSite, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

// WCAG 1.4.10 (Reflow): at 150 % text on a 390 px phone, and at 150 % zoom in a 260 px window,
// nothing scrolls sideways and no tab of the navigation is cut.
const SITE = 'Northfield Substation';
const TITLE = 'Replace valve actuator';

/** What Settings → Font size → "Very large" sets (24 px, 150 %): the size a page's rem follows. */
async function largeTextPage(phone: Device): Promise<Page> {
  const page = await phone.newPage();
  const devtools = await phone.context.newCDPSession(page);
  await devtools.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
  return page;
}

/** The page wider than the screen, and what sticks out past its right edge. */
async function sideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const wide = Array.from(document.querySelectorAll('main *'))
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} ${element.className}`)
      .slice(0, 5);
    return [`page ${root.scrollWidth} wide in ${root.clientWidth}`, ...wide];
  });
}

/** Navigation labels not wholly shown: cut inside their tab, or off the screen. */
async function cutTabs(page: Page): Promise<string[]> {
  const tabs = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all();
  assert.equal(tabs.length, 5);
  const cut: string[] = [];
  for (const tab of tabs) {
    const problem = await tab.evaluate((link) => {
      const box = link.getBoundingClientRect();
      if (link.scrollWidth > link.clientWidth) return `${link.scrollWidth} px of text in ${link.clientWidth}`;
      if (box.left < 0 || box.right > document.documentElement.clientWidth) return 'off the screen';
      return null;
    });
    if (problem) cut.push(`${(await tab.textContent())?.trim()}: ${problem}`);
  }
  return cut;
}

describe('the job page reflows at 150 % text and zoom', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let jobId = '';

  before(async () => {
    server = await startServerProcess();
    phone = await openDevice(server.url, { phone: true });
    await phone.page.goto('/jobs');
    await createSite(phone.page, SITE);
    jobId = await createJob(phone.page, TITLE, SITE);
    await phone.page.getByLabel('New checklist item').fill('Isolate the supply');
    await phone.page.getByRole('button', { name: 'Add item' }).click();
    await phone.page.getByRole('checkbox', { name: 'Isolate the supply' }).check();
    await syncBarSays(phone.page, /^All changes synced/, 30_000);
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('at 150 % text on a 390 px phone: the job page does not scroll sideways and every tab is whole', async () => {
    const page = await largeTextPage(phone);
    try {
      await page.goto(`/jobs/${jobId}`);
      await page.getByRole('form', { name: 'Add a field note' }).waitFor();
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '24px');

      assert.deepEqual({ sideways: await sideways(page), cut: await cutTabs(page) }, { sideways: [], cut: [] });
    } finally {
      await page.close();
    }
  });

  it('at 150 % zoom in a 260 px window: the job page does not scroll sideways and every tab is whole', async () => {
    const page = await phone.newPage();
    try {
      // 150 % zoom of a 260 px window lays the page out in 173 CSS pixels.
      await page.setViewportSize({ width: 173, height: 560 });
      await page.goto(`/jobs/${jobId}`);
      await page.getByRole('form', { name: 'Add a field note' }).waitFor();

      assert.deepEqual({ sideways: await sideways(page), cut: await cutTabs(page) }, { sideways: [], cut: [] });
    } finally {
      await page.close();
    }
  });
});
