import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Locator, type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { createJob, createSite, openSignedInDevice, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { largeTextPage, sideways } from './support/reflow.ts';

// WCAG 1.4.10 (Reflow): at 150 % text on a 390 px phone, and at 150 % zoom in a 260 px window,
// nothing scrolls sideways and no tab of the navigation is cut.
const SITE = 'Northfield Substation';
const TITLE = 'Replace valve actuator';

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

/** A control's box in CSS pixels, and the colour its browser-drawn parts take. */
async function box(locator: Locator): Promise<{ width: number; height: number; accent: string }> {
  return locator.evaluate((element) => {
    const { width, height } = element.getBoundingClientRect();
    return { width, height, accent: getComputedStyle(element).accentColor };
  });
}

/** How many lines an element's text takes. */
async function lines(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
  });
}

describe('the job page reflows at 150 % text and zoom', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let jobId = '';

  before(async () => {
    server = await startServerProcess();
    phone = await openSignedInDevice(server, { phone: true });
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

  it('at 150 % text on a 390 px phone and at 150 % zoom in a 260 px window: no other screen scrolls sideways', async () => {
    const siteId = await phone.page.evaluate(() =>
      document.querySelector('a[href^="/sites/"]')?.getAttribute('href')?.split('/').at(-1),
    );
    const screens = [
      ['/jobs', 'Jobs'],
      ['/jobs/new', 'New job'],
      [`/jobs/${jobId}/edit`, 'Edit job'],
      [`/jobs/${jobId}/report`, TITLE],
      ['/sites', 'Sites'],
      [`/sites/${siteId}`, SITE],
      ['/sites/new', 'New site'],
      ['/dashboard', 'Dashboard'],
      ['/conflicts', 'Conflicts'],
      ['/settings', 'Settings'],
    ] as const;
    const zoomed = async () => {
      const page = await phone.newPage();
      await page.setViewportSize({ width: 173, height: 560 });
      return page;
    };
    const wide: Record<string, string[]> = {};
    for (const [setting, open] of [
      ['150 % text', () => largeTextPage(phone)],
      ['150 % zoom', zoomed],
    ] as const) {
      const page = await open();
      try {
        for (const [path, heading] of screens) {
          await page.goto(path);
          await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
          const found = await sideways(page);
          if (found.length > 0)
            wide[`${setting} ${path.replace(jobId, ':job').replace(siteId ?? '', ':site')}`] = found;
        }
      } finally {
        await page.close();
      }
    }
    assert.deepEqual(wide, {});
  });

  it('on a phone: boxes to tick of 24 px in the app’s colour, a quiet Remove icon, and no word of code', async () => {
    const { page } = phone;
    await page.goto(`/jobs/${jobId}`);
    const tick = page.getByRole('checkbox', { name: 'Isolate the supply' });
    const location = page.getByRole('checkbox', { name: 'Add my location' });
    const green = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--color-primary'),
    );
    for (const checkbox of [tick, location]) {
      const { width, height, accent } = await box(checkbox);
      assert.ok(width >= 24 && height >= 24, `a ${width}×${height} px box to tick`);
      assert.notEqual(accent, 'auto');
      assert.equal(
        accent,
        await page.evaluate((color) => {
          const probe = document.createElement('span');
          probe.style.color = color;
          document.body.append(probe);
          const rgb = getComputedStyle(probe).color;
          probe.remove();
          return rgb;
        }, green.trim()),
      );
    }
    const remove = page.getByRole('button', { name: 'Remove Isolate the supply' });
    assert.equal((await remove.textContent())?.trim(), '');
    assert.ok((await box(remove)).width <= 48);

    // The report's columns keep their headers' words whole.
    await page.goto(`/jobs/${jobId}/report`);
    assert.equal(await lines(page.getByRole('columnheader', { name: 'Ticked' })), 1);

    // The site's page counts one job as one job.
    await page.goto('/sites');
    await page
      .getByRole('link', { name: new RegExp(SITE) })
      .first()
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: /^\s*1 job\b/ })
      .waitFor();

    // And so do the lists and the dashboard.
    await page.goto('/sites');
    await page
      .getByRole('status')
      .filter({ hasText: /^\s*1 of 1 site\s*$/ })
      .waitFor();
    await page.goto('/jobs');
    await page.getByRole('button', { name: /^All/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^\s*1 of 1 job\s*$/ })
      .waitFor();
    await page.goto('/dashboard');
    await page.getByText('1 job on this device').waitFor();

    // Settings names what synced in the app's words, crews included.
    await page.goto('/settings');
    const about = page.getByRole('region', { name: 'About' });
    await about.getByText(/^Jobs: /).waitFor();
    await about.getByText(/^Crews: /).waitFor();
    assert.doesNotMatch((await about.textContent()) ?? '', /ChangeLogEntry/);
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
