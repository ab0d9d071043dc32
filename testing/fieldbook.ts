import Database from 'better-sqlite3';
import { type Locator, type Page } from 'playwright-core';

import { type Device, type DeviceOptions, openDevice, waitForServiceWorker } from './browser.ts';
import { accessTokenOf, addCrewMember, type CrewMember, OFFICE } from './crew-members.ts';
import { type ServerProcess } from './server-process.ts';
import { signInOnPage } from './sign-in-page.ts';

/** Polls until `read` returns something `accept`s; the error names what was awaited and the last value. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function syncBar(page: Page): Locator {
  return page.locator('fb-sync-bar [role="status"]');
}

/** How long the bar may say "All changes synced" beside a queued change: only while it re-counts. */
const BAR_RECOUNT_GRACE_MS = 2_000;

/**
 * Waits for the sync bar to match `pattern`. Whenever it says "All changes synced", the device's
 * outbox must be empty too: a bar that keeps saying so beside a queued change fails the test, with
 * the queued changes named.
 */
export async function syncBarSays(page: Page, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let claimedSince: number | null = null;
  for (;;) {
    const text = (await syncBar(page).textContent())?.trim() ?? '';
    const claimsSynced = text.startsWith('All changes synced');
    const queued = claimsSynced ? await outboxEntries(page) : [];
    if (claimsSynced && queued.length > 0) {
      claimedSince ??= Date.now();
      if (Date.now() - claimedSince > BAR_RECOUNT_GRACE_MS) {
        throw new Error(`the sync bar says "${text}" while the outbox holds ${JSON.stringify(queued)}`);
      }
    } else {
      claimedSince = null;
      if (pattern.test(text)) return text;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for sync bar to match ${pattern}; last: "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A server as the tests reach it: its address, and its database (to invite people). */
export type ServerAccess = Pick<ServerProcess, 'url' | 'dbPath'>;

/** Reads records straight from the server, as someone in the office would, to check what reached it. */
export async function serverRecords(
  server: ServerAccess,
  model: 'Site' | 'Job' | 'FieldNote' | 'Attachment',
  fields: string,
) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await accessTokenOf(server) },
    body: JSON.stringify({ query: `{ sync${model}s(limit: 1000) { items { ${fields} _deleted _version } } }` }),
  });
  const body = (await response.json()) as { data: Record<string, { items: Record<string, unknown>[] }> };
  return body.data[`sync${model}s`]?.items ?? [];
}

/**
 * The photo objects the bucket holds, as its admin would list them: all, or those of one job (in its
 * crew's folder, or public/photos/ for a job of no crew).
 */
export function storedPhotoKeys(server: Pick<ServerProcess, 'dbPath'>, jobId?: string): string[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    const pattern = jobId === undefined ? 'public/%photos/%' : `public/%photos/${jobId}/%`;
    const rows = db.prepare('SELECT key FROM objects WHERE key LIKE ? ORDER BY key').all(pattern);
    return (rows as { key: string }[]).map((row) => row.key);
  } finally {
    db.close();
  }
}

/** Another crew member's edit, made straight on the server (as another device's sync would). */
export function editSiteOnServer(
  server: ServerAccess,
  id: string,
  fields: Record<string, unknown>,
  version: number,
): Promise<void> {
  return updateOnServer(server, 'Site', { id, ...fields, _version: version });
}

/**
 * A plain `update<Model>` as any AppSync client sends it (an office system, a script): the fields it
 * sets and the version it read, without the app's edit times.
 */
export async function updateOnServer(server: ServerAccess, model: 'Site' | 'Job', input: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await accessTokenOf(server) },
    body: JSON.stringify({
      query: `mutation($input: Update${model}Input!) { update${model}(input: $input) { id _version } }`,
      variables: { input },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`the server refused the edit: ${JSON.stringify(body.errors)}`);
}

/** Creates a site on the site form, as the office: for the crew named `crew` (as the form lists it), or none. */
export async function createSite(page: Page, name: string, crew?: string): Promise<void> {
  await page.goto('/sites/new');
  await page.getByLabel('Name (required)').fill(name);
  if (crew) {
    // The crew's record reaches the device with its sync: the choice is there once it has.
    await page.getByRole('option', { name: crew }).waitFor({ state: 'attached' });
    await page.getByLabel('Crew').selectOption({ label: crew });
  }
  await page.getByRole('button', { name: 'Save site' }).click();
  await page.getByRole('heading', { name }).waitFor();
}

/** Creates a job on the job form; `navigate: false` when the page already shows the form. */
export async function createJob(
  page: Page,
  title: string,
  siteName: string,
  { navigate = true } = {},
): Promise<string> {
  if (navigate) await page.goto('/jobs/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Site').selectOption({ label: siteName });
  await page.getByRole('button', { name: 'Create job' }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  return new URL(page.url()).pathname.split('/').at(-1) ?? '';
}

export async function openJob(page: Page, id: string, title: string): Promise<void> {
  await page.goto(`/jobs/${id}`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

export async function editJobField(page: Page, id: string, label: string, value: string): Promise<void> {
  await page.goto(`/jobs/${id}/edit`);
  await eventually(
    'the job loaded into the form',
    () => page.getByLabel('Title').inputValue(),
    (title) => title !== '',
  );
  const field = page.getByLabel(label, { exact: true });
  await field.waitFor();
  if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption({ label: value });
  else await field.fill(value);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(new RegExp(`/jobs/${id}$`));
}

/** One mutation queued in the device's DataStore outbox, as stored there. */
export interface QueuedChange {
  readonly model: string;
  readonly modelId: string;
  readonly operation: string;
}

/** Every mutation in the device's DataStore outbox, history entries included, read from IndexedDB. */
export async function outboxEntries(page: Page): Promise<QueuedChange[]> {
  return page.evaluate(
    () =>
      new Promise<QueuedChange[]>((resolve, reject) => {
        const open = indexedDB.open('amplify-datastore');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('sync_MutationEvent')) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction('sync_MutationEvent').objectStore('sync_MutationEvent').getAll();
          all.onsuccess = () => {
            db.close();
            const entries = all.result as QueuedChange[];
            resolve(entries.map(({ model, modelId, operation }) => ({ model, modelId, operation })));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Waits until the device's outbox is empty: everything it saved was answered by the server. */
export async function outboxDrained(page: Page, timeoutMs?: number): Promise<void> {
  await eventually(
    'an empty outbox on the device',
    () => outboxEntries(page),
    (entries) => entries.length === 0,
    timeoutMs,
  );
}

/** How a test opens a device: where the app is (the server, or a gate in front of it), the phone's traits, who signs in. */
export interface SignedInDeviceOptions extends DeviceOptions {
  readonly url?: string;
  readonly as?: CrewMember;
}

/**
 * A device on which `as` (the office, unless said) has signed in on the sign-in page, now showing
 * the jobs list: what every device of a project with accounts starts from.
 */
export async function openSignedInDevice(
  server: ServerAccess,
  { url = server.url, as = OFFICE, ...deviceOptions }: SignedInDeviceOptions = {},
): Promise<Device> {
  addCrewMember(server.dbPath, as);
  const device = await openDevice(url, deviceOptions);
  await device.page.goto('/jobs');
  await signInOnPage(device.page, as.email, as.password);
  await device.page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
  return device;
}

/**
 * A device signed in as the office that has opened the app online, has it cached for offline use,
 * and holds one site that is on the server with nothing left in its outbox (the bar's words are
 * what is tested, not trusted).
 */
export async function openDeviceWithSite(
  server: ServerAccess,
  siteName: string,
  options: SignedInDeviceOptions & { readonly crew?: string } = {},
): Promise<Device> {
  const { crew, ...deviceOptions } = options;
  const device = await openSignedInDevice(server, deviceOptions);
  await waitForServiceWorker(device.page);
  await createSite(device.page, siteName, crew);
  await eventually(
    `${siteName} on the server`,
    () => serverRecords(server, 'Site', 'name'),
    (sites) => sites.some((site) => site['name'] === siteName),
  );
  await outboxDrained(device.page);
  return device;
}

/** The demo's jobs the page's jobs list shows (server/src/seed.ts), by the job each card links to. */
export async function demoJobsShown(page: Page): Promise<string[]> {
  const cards = await page.getByRole('main').getByRole('link').all();
  const links = await Promise.all(cards.map((card) => card.getAttribute('href')));
  return links
    .map((href) => /^\/jobs\/(demo-job-[\d-]+)$/.exec(href ?? '')?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
}
