/**
 * `npm run screenshots`: the main screens on a phone and a desktop, light and dark, taken in
 * headless Chromium from the production build served by the real sync server with the demo data
 * set, written to docs/. The conflict is made the way a crew makes one: two devices edit the same site.
 */
import { join } from 'node:path';

import { repositoryRoot } from '../server/src/amplify-project.ts';
import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { openSignedInDevice, syncBarSays } from '../testing/fieldbook.ts';
import { startServerProcess } from '../testing/server-process.ts';

const docs = join(repositoryRoot, 'docs');

interface Look {
  /** Added to the file name: jobs-list-phone-dark.png. */
  readonly name: string;
  readonly viewport: { width: number; height: number };
  readonly colorScheme: 'light' | 'dark';
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const LOOKS: readonly Look[] = [
  { name: 'phone', viewport: PHONE, colorScheme: 'light' },
  { name: 'phone-dark', viewport: PHONE, colorScheme: 'dark' },
  { name: 'desktop', viewport: DESKTOP, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: DESKTOP, colorScheme: 'dark' },
];

/** One screen in each look: a phone and a desktop window, in the light and the dark theme. */
async function shoot(
  device: Device,
  path: string,
  name: string,
  ready: () => Promise<unknown>,
  looks: readonly Look[] = LOOKS,
): Promise<void> {
  for (const look of looks) {
    await device.page.setViewportSize(look.viewport);
    await device.page.emulateMedia({ colorScheme: look.colorScheme });
    await device.page.goto(path);
    await ready();
    await device.page.waitForTimeout(300);
    await device.page.screenshot({ path: join(docs, `${name}-${look.name}.png`) });
    console.log(`docs/${name}-${look.name}.png`);
  }
}

async function makeSiteConflict(phone: Device, tablet: Device): Promise<void> {
  const editNotes = async (device: Device, notes: string) => {
    await device.page.goto('/sites/demo-site-1/edit');
    await device.page.getByLabel('Notes').fill(notes);
    await device.page.getByRole('button', { name: 'Save changes' }).click();
    await device.page.waitForURL(/\/sites\/demo-site-1$/);
  };
  await tablet.context.setOffline(true);
  await editNotes(tablet, 'Gate code changed to 4471. Dog on site after 6 pm.');
  await editNotes(phone, 'Gate code 1234. Report to the control room first.');
  await syncBarSays(phone.page, /^All changes synced/);
  await tablet.context.setOffline(false);
  await tablet.page.goto('/conflicts');
  await tablet.page.getByRole('article').first().waitFor({ timeout: 30_000 });
}

const server = await startServerProcess({ FIELDBOOK_SEED: 'demo' });
const phone = await openSignedInDevice(server);
const tablet = await openSignedInDevice(server);
try {
  for (const device of [phone, tablet]) {
    await device.page.goto('/jobs');
    await waitForServiceWorker(device.page);
    await syncBarSays(device.page, /^All changes synced/);
  }
  const { page } = phone;
  await shoot(phone, '/jobs', 'jobs-list', () => page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor());
  await shoot(phone, '/jobs/demo-job-1-1', 'job-detail', () =>
    page.getByRole('heading', { name: 'Quarterly pump inspection', level: 1 }).waitFor(),
  );
  const phoneOnly = LOOKS.filter((look) => look.name.startsWith('phone'));
  await shoot(
    phone,
    '/jobs/demo-job-1-1/report',
    'job-report',
    () => page.getByRole('heading', { name: 'Quarterly pump inspection', level: 1 }).waitFor(),
    phoneOnly,
  );
  await shoot(
    phone,
    '/dashboard',
    'dashboard',
    () => page.getByRole('heading', { name: 'Dashboard' }).waitFor(),
    phoneOnly,
  );
  await makeSiteConflict(phone, tablet);
  await shoot(tablet, '/conflicts', 'conflicts', () => tablet.page.getByRole('article').first().waitFor(), phoneOnly);
} finally {
  await Promise.all([phone.close(), tablet.close()]);
  await server.dispose();
}
