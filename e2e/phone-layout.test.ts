import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { createJob, eventually, openSignedInDevice, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

// The jobs list as a crew member sees it on a 390×844 touch phone, with the demo data.
const LONG_TITLE = 'Annual chamber gas, flow & sump inspection at the north pumping station';
const DEMO_SITES = ['Harbour Pump Station', 'Northfield Substation', 'Riverside Water Works', 'Eastgate Office Block'];
const JOBS = 'ul[aria-label="Jobs"] > li a';

/** Opens the list under "All" and waits until it has all `count` jobs. */
async function openAllJobs(page: Page, count: number): Promise<void> {
  await page.goto('/jobs');
  await page.getByRole('button', { name: /^All/ }).click();
  await page.getByText(`${count} of ${count} jobs`).waitFor({ timeout: 30_000 });
  await page.locator(JOBS).first().waitFor();
}

/** Anything that scrolls sideways, and any card reaching past the screen's edges. */
async function sideways(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page ${root.scrollWidth} wide in ${root.clientWidth}`);
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const style = getComputedStyle(element);
      if (/auto|scroll/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${element.tagName.toLowerCase()}.${element.className} scrolls sideways`);
      }
    }
    for (const card of Array.from(document.querySelectorAll(selector))) {
      const box = card.getBoundingClientRect();
      if (box.left < 0 || box.right > window.innerWidth) {
        problems.push(`card ${Math.round(box.left)}–${Math.round(box.right)} px: ${card.textContent?.slice(0, 40)}`);
      }
    }
    return problems;
  }, JOBS);
}

/** Text cut off inside a card: a part outside its card, or overflowing without an ellipsis. */
async function clippedInCards(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    for (const card of Array.from(document.querySelectorAll(selector))) {
      const outer = card.getBoundingClientRect();
      const name = card.textContent?.trim().slice(0, 40);
      if (card.scrollHeight > card.clientHeight + 1) problems.push(`card taller than its box: ${name}`);
      for (const part of Array.from(card.querySelectorAll('*'))) {
        const box = part.getBoundingClientRect();
        if (box.width <= 1 && box.height <= 1) continue;
        if (
          box.left < outer.left - 0.5 ||
          box.right > outer.right + 0.5 ||
          box.top < outer.top - 0.5 ||
          box.bottom > outer.bottom + 0.5
        ) {
          problems.push(`outside its card: ${part.textContent?.trim()}`);
        }
        const style = getComputedStyle(part);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const cutAcross = part.scrollWidth > part.clientWidth + 1 && style.textOverflow !== 'ellipsis';
        const cutDown = part.scrollHeight > part.clientHeight + 1 && style.webkitLineClamp === 'none';
        if (cutAcross || cutDown) problems.push(`cut without …: ${part.textContent?.trim()}`);
      }
    }
    return problems;
  }, JOBS);
}

/** Cards whose every corner is on screen and not covered by the app bar, the sync bar or the navigation. */
async function cardsFullyVisible(page: Page): Promise<number> {
  return page.evaluate((selector) => {
    let visible = 0;
    for (const card of Array.from(document.querySelectorAll(selector))) {
      const box = card.getBoundingClientRect();
      const corners = [
        [box.left + 6, box.top + 3],
        [box.right - 6, box.top + 3],
        [box.left + 6, box.bottom - 3],
        [box.right - 6, box.bottom - 3],
      ];
      const seen = corners.every(([x, y]) => {
        const hit = y !== undefined && x !== undefined ? document.elementFromPoint(x, y) : null;
        return hit !== null && card.contains(hit);
      });
      if (seen) visible++;
    }
    return visible;
  }, JOBS);
}

/** Elements in the page (not the page itself) that scroll up and down: a scroller inside the scroller. */
async function innerScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('main *'))
      .filter((element) => {
        const style = getComputedStyle(element);
        return /auto|scroll/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );
}

async function cardTexts(page: Page): Promise<string[]> {
  return (await page.locator(JOBS).allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

async function focusedElement(page: Page): Promise<{ tag: string; text: string; tabindex: string | null }> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    return {
      tag: focused?.tagName.toLowerCase() ?? '',
      text: focused?.textContent?.trim() ?? '',
      tabindex: focused?.getAttribute('tabindex') ?? null,
    };
  });
}

describe('the jobs list on a 390×844 touch phone', { timeout: 300_000 }, () => {
  let server: ServerProcess;
  let phone: Device;
  let page: Page;

  before(async () => {
    server = await startServerProcess({ FIELDBOOK_SEED: 'demo' });
    phone = await openSignedInDevice(server, { phone: true });
    page = phone.page;
    await page.goto('/jobs');
    await syncBarSays(page, /^All changes synced/, 60_000);
    await createJob(page, LONG_TITLE, 'Harbour Pump Station');
    await openAllJobs(page, 13);
  });

  after(async () => {
    await phone?.close();
    await server?.dispose();
  });

  it('shows a 70-character title without anything scrolling sideways or cut off', async () => {
    assert.ok(LONG_TITLE.length >= 70);
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('sump inspection');
    await page.getByText('1 of 13 jobs').waitFor();
    await page.locator(JOBS).filter({ hasText: LONG_TITLE }).waitFor();

    assert.deepEqual(await sideways(page), []);
    assert.deepEqual(await clippedInCards(page), []);
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('');
  });

  it('shows at least four whole jobs on the first screen, in a page that scrolls once', async () => {
    await openAllJobs(page, 13);
    await page.evaluate(() => window.scrollTo(0, 0));

    const visible = await cardsFullyVisible(page);
    assert.ok(visible >= 4, `${visible} whole jobs on the first screen`);
    assert.deepEqual(await innerScrollers(page), []);
    const root = await page.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight]);
    assert.ok(root[0]! > root[1]!, 'the page itself scrolls to the rest of the list');
  });

  it('names the site on every card, filters and searches by it, and says dates in words', async () => {
    await openAllJobs(page, 13);
    // The site names come from their own live query, which may answer a moment after the jobs'.
    const texts = await eventually(
      'a site named on every card',
      () => cardTexts(page),
      (shown) => shown.length === 13 && shown.every((text) => DEMO_SITES.some((site) => text.includes(site))),
    );
    for (const text of texts) assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
    assert.ok(texts.some((text) => text.includes('Due today')));
    assert.ok(texts.some((text) => /Overdue 2 days/.test(text)));

    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Northfield Substation' });
    await eventually(
      'only Northfield’s jobs',
      () => cardTexts(page),
      (shown) => shown.length === 3,
    );
    assert.ok((await cardTexts(page)).every((text) => text.includes('Northfield Substation')));
    assert.match((await page.getByRole('button', { name: /^Filters/ }).textContent()) ?? '', /1/);
    // The view buttons count what the filters let through, as the list shows it.
    await page.getByRole('button', { name: 'All 3' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('zzz');
    await page
      .getByRole('region', { name: 'No jobs match' })
      .getByText('Hidden by search “zzz”, site Northfield Substation.')
      .waitFor();
    await page.getByRole('button', { name: 'All 0' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('');

    // Kept for the tab: a reload (as after opening a job and coming back) finds the site filter as left.
    await page.reload();
    await eventually(
      'the site filter kept',
      () => cardTexts(page),
      (shown) => shown.length === 3,
    );

    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Any site' });
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('RIVERSIDE');
    await eventually(
      'Riverside’s jobs found by site name',
      () => cardTexts(page),
      (shown) => shown.length === 3,
    );
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('');
    await page.getByLabel('Sort by').selectOption({ label: 'Site' });
    await eventually(
      'jobs in site order',
      async () => (await cardTexts(page)).map((text) => DEMO_SITES.find((site) => text.includes(site))),
      (sites) => sites.length === 13 && sites.every((site, i) => i === 0 || site!.localeCompare(sites[i - 1]!) >= 0),
    );
    await page.getByLabel('Sort by').selectOption({ label: 'Due date' });
  });

  it('sorts by distance from where the crew member stands, nearest site first, and says how far', async () => {
    await phone.context.grantPermissions(['geolocation']);
    // About 190 m from Eastgate Office Block, then Northfield (3 km), Harbour (3.8 km) and Riverside (6 km).
    await phone.context.setGeolocation({ latitude: 51.5165, longitude: -0.0745, accuracy: 8 });
    await openAllJobs(page, 13);
    const filters = page.getByRole('button', { name: /^Filters/ });
    if ((await filters.getAttribute('aria-expanded')) !== 'true') await filters.click();
    await page.getByLabel('Sort by').selectOption({ label: 'Nearest to me' });
    await page.getByRole('status').filter({ hasText: 'Nearest first' }).waitFor();

    const nearestFirst = [
      'Eastgate Office Block',
      'Northfield Substation',
      'Harbour Pump Station',
      'Riverside Water Works',
    ];
    await eventually(
      'jobs nearest first',
      async () => (await cardTexts(page)).map((text) => DEMO_SITES.find((site) => text.includes(site))),
      (sites) =>
        sites.length === 13 &&
        sites.every((site, i) => i === 0 || nearestFirst.indexOf(site!) >= nearestFirst.indexOf(sites[i - 1]!)),
    );
    const first = (await cardTexts(page))[0] ?? '';
    assert.match(first, /\d+ m away/);
    await page.getByLabel('Sort by').selectOption({ label: 'Due date' });
  });

  it('moves focus to the new page’s heading, and shows the whole focus ring on a card', async () => {
    await openAllJobs(page, 13);
    await page.locator(JOBS).filter({ hasText: 'Replace valve actuator' }).first().tap();
    await eventually(
      'focus on the job’s heading',
      () => focusedElement(page),
      (focused) => focused.tag === 'h1' && focused.text === 'Replace valve actuator' && focused.tabindex === '-1',
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).tap();
    await eventually(
      'focus on the list’s heading',
      () => focusedElement(page),
      (focused) => focused.text === 'Jobs',
    );

    let onCard = false;
    for (let presses = 0; presses < 40 && !onCard; presses++) {
      await page.keyboard.press('Tab');
      onCard = await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, JOBS);
    }
    assert.ok(onCard, 'Tab reaches the job cards');
    const clipped = await page.evaluate(() => {
      const card = document.activeElement!;
      const style = getComputedStyle(card);
      const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
      const box = card.getBoundingClientRect();
      const ring = {
        left: box.left - reach,
        right: box.right + reach,
        top: box.top - reach,
        bottom: box.bottom + reach,
      };
      const problems: string[] = [];
      if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) problems.push('no focus ring');
      if (ring.left < 0 || ring.right > window.innerWidth) problems.push('ring off the screen');
      for (let element = card.parentElement; element && element !== document.body; element = element.parentElement) {
        const around = getComputedStyle(element);
        const clips =
          around.overflowX !== 'visible' ||
          around.overflowY !== 'visible' ||
          /paint|content|strict/.test(around.contain) ||
          around.contentVisibility === 'auto';
        const edge = element.getBoundingClientRect();
        if (
          clips &&
          (ring.left < edge.left || ring.right > edge.right || ring.top < edge.top || ring.bottom > edge.bottom)
        ) {
          problems.push(`cut by ${element.tagName.toLowerCase()}.${element.className}`);
        }
      }
      return problems;
    });
    assert.deepEqual(clipped, []);
  });

  it('comes back to the same cards after opening a job, by the back gesture or the Jobs tab', async () => {
    await openAllJobs(page, 13);
    const eighth = page.locator(JOBS).nth(7);
    await eighth.scrollIntoViewIfNeeded();
    const left = await page.evaluate(() => window.scrollY);
    assert.ok(left > 200, `scrolled ${left} px down the list`);

    await eighth.tap();
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Jobs' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).tap();
    await eventually(
      'the list where it was left',
      () => page.evaluate(() => window.scrollY),
      (y) => y === left,
    );
    await eighth.tap();
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Jobs' }).waitFor();
    await page.goBack();
    await eventually(
      'the list where it was left',
      () => page.evaluate(() => window.scrollY),
      (y) => y === left,
    );
  });

  it('lists a site’s jobs the same way: at 150% text the long title’s card is whole and overlaps no other', async () => {
    const large = await phone.newPage();
    try {
      const devtools = await phone.context.newCDPSession(large);
      await devtools.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
      await large.goto('/sites');
      await large
        .getByRole('link', { name: /Harbour Pump Station/ })
        .first()
        .click();
      const list = large.getByRole('list', { name: 'Jobs at this site' });
      await list.getByText(LONG_TITLE).waitFor();

      const problems = await list.evaluate((ul) => {
        const found: string[] = [];
        const items = Array.from(ul.children).map((item) => item.getBoundingClientRect());
        items.slice(1).forEach((box, index) => {
          if (box.top < (items[index]?.bottom ?? 0) - 0.5) found.push(`card ${index + 2} overlaps card ${index + 1}`);
        });
        for (const card of Array.from(ul.querySelectorAll('li a'))) {
          if (card.scrollHeight > card.clientHeight + 1) found.push(`cut: ${card.textContent?.trim().slice(0, 40)}`);
        }
        if (document.documentElement.scrollWidth > document.documentElement.clientWidth)
          found.push('page scrolls sideways');
        return found;
      });
      assert.deepEqual(problems, []);
      // The site page asks for no position: a card says no distance rather than a made-up "10 m away".
      const cards = (await list.getByRole('link').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
      assert.ok(cards.length > 1);
      assert.deepEqual(
        cards.filter((text) => /\d k?m away/.test(text)),
        [],
      );
    } finally {
      await large.close();
    }
  });

  it('follows the browser’s text size at 150%: cards grow, nothing scrolls sideways, every tab stays', async () => {
    const large = await phone.newPage();
    try {
      // What Settings → Font size → "Very large" (24 px) sets: the default font size a page's rem follows.
      const devtools = await phone.context.newCDPSession(large);
      await devtools.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
      await openAllJobs(large, 13);

      assert.equal(await large.evaluate(() => getComputedStyle(document.documentElement).fontSize), '24px');
      assert.deepEqual(await sideways(large), []);
      assert.deepEqual(await clippedInCards(large), []);
      const replaceValve = large.locator(JOBS).filter({ hasText: 'Replace valve actuator' }).first();
      assert.match((await replaceValve.textContent()) ?? '', /Due today/);
      assert.match((await replaceValve.textContent()) ?? '', /Sam/);

      const tabs = await large.getByRole('navigation', { name: 'Main' }).getByRole('link').all();
      assert.equal(tabs.length, 5);
      for (const tab of tabs) {
        const reachable = await tab.evaluate((link) => {
          const box = link.getBoundingClientRect();
          const onScreen = box.left >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return onScreen && hit !== null && link.contains(hit);
        });
        assert.ok(reachable, `${await tab.textContent()} is on screen and can be tapped`);
      }
      await large.getByRole('link', { name: 'Settings' }).tap();
      await large.waitForURL(/\/settings$/);
    } finally {
      await large.close();
    }
  });
});
