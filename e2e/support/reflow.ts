import { type Page } from 'playwright-core';

import { type Device } from '../../testing/browser.ts';

/** What Settings → Font size → "Very large" sets (24 px, 150 %): the size a page's rem follows. */
export async function largeTextPage(device: Device): Promise<Page> {
  const page = await device.newPage();
  const devtools = await device.context.newCDPSession(page);
  await devtools.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
  return page;
}

/** The page wider than the screen, and what sticks out past its right edge. */
export async function sideways(page: Page): Promise<string[]> {
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
