import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Page } from 'playwright-core';

import { type Device } from '../testing/browser.ts';
import { type CrewMember, withPoolAdmin } from '../testing/crew-members.ts';
import { createJob, eventually, openSignedInDevice, serverRecords } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { signInOnPage } from '../testing/sign-in-page.ts';

const ANA: CrewMember = {
  email: 'ana.silva@fieldbook.test',
  name: 'Ana Silva',
  group: 'Crew',
  password: 'Harbour-pumps-7',
  // Both of the demo's crews: her phone holds all of its 12 jobs.
  crews: ['north', 'south'],
};

/** What Fieldbook keeps of the crew's data in the page's profile: records and photos, and the tokens. */
async function keptOnDevice(page: Page): Promise<{ records: number; tokens: number }> {
  return page.evaluate(async () => {
    let records = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      // DataStore's own bookkeeping (sync_*, datastore_*) holds no crew data and is recreated at every start.
      const stores = Array.from(db.objectStoreNames).filter((store) => !/^(sync|datastore)_/.test(store));
      for (const store of stores) {
        records += await new Promise<number>((resolve, reject) => {
          const count = db.transaction(store).objectStore(store).count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        });
      }
      db.close();
    }
    const tokens = Object.keys(localStorage).filter((key) => /\.(accessToken|idToken|refreshToken)$/.test(key)).length;
    return { records, tokens };
  });
}

/**
 * Holds the phone's questions to the user pool (GetUser) until it has sent a job, or for a few
 * seconds if it sends none: a slow user pool, where a device that asked only after syncing would
 * send first. Says whether a job went out first. (Held in the page: requests of a page under a
 * service worker cannot be held from outside.)
 */
async function holdTheWipeCheckUntilAJobIsSent(device: Device): Promise<() => Promise<boolean>> {
  await device.page.evaluate(() => {
    const send = globalThis.fetch;
    const held = new Promise<void>((release) => Object.assign(globalThis, { releaseUserPool: release }));
    globalThis.fetch = async (input, init) => {
      if (new Headers(init?.headers).get('x-amz-target')?.endsWith('.GetUser')) await held;
      return send(input, init);
    };
  });
  return async () => {
    const sent = await device.page
      .waitForRequest((request) => request.url().endsWith('/graphql') && /createJob/.test(request.postData() ?? ''), {
        timeout: 5_000,
      })
      .then(
        () => true,
        () => false,
      );
    await device.page.evaluate(() => (globalThis as unknown as { releaseUserPool(): void }).releaseUserPool());
    return sent;
  };
}

// A crew member's phone is lost with the crew's sites and jobs on it. The office runs
// `npm run users -- wipe-devices`: at its next contact with the server the phone erases everything
// Fieldbook keeps and says why; the new phone she signs in on afterwards keeps working.
describe('a lost phone: the office has it erased', { timeout: 240_000 }, () => {
  let server: ServerProcess;
  let lost: Device;
  let replacement: Device | undefined;

  before(async () => {
    server = await startServerProcess({ FIELDBOOK_SEED: 'demo' });
    lost = await openSignedInDevice(server, { as: ANA, phone: true });
    await lost.page.getByText('12 jobs').first().waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await replacement?.close();
    await lost?.close();
    await server?.dispose();
  });

  it('erases the crew’s data and the sign-in at the phone’s next contact, and says why', async () => {
    const before = await keptOnDevice(lost.page);
    assert.ok(before.records >= 12 && before.tokens > 0, `kept before: ${JSON.stringify(before)}`);

    await lost.context.setOffline(true);
    // Whoever holds the phone changes the crew's records while it has no signal.
    await lost.page.getByRole('link', { name: 'New job' }).click();
    await createJob(lost.page, 'Cancel the pump service', 'Harbour Pump Station', { navigate: false });
    withPoolAdmin(server.dbPath, (admin) => admin.wipeDevices(ANA.email));
    const sentFirst = (await holdTheWipeCheckUntilAJobIsSent(lost))();
    await lost.context.setOffline(false);

    const notice = lost.page.getByRole('status').filter({ hasText: 'was erased on' });
    await notice.waitFor({ timeout: 30_000 });
    assert.match(
      (await notice.textContent()) ?? '',
      /as your office asked for Ana Silva’s devices \(a lost or stolen phone\)/,
    );
    await lost.page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    assert.deepEqual(await keptOnDevice(lost.page), { records: 0, tokens: 0 });
    assert.equal(await sentFirst, false, 'the job made offline was sent before the phone asked about the wipe');
    const titles = (await serverRecords(server, 'Job', 'title')).map((job) => job['title']);
    assert.ok(!titles.includes('Cancel the pump service'), 'the offline change was erased with the phone, never sent');
  });

  it('leaves the phone she signs in on afterwards alone: it syncs, and her new job reaches the server', async () => {
    replacement = await openSignedInDevice(server, { as: ANA });
    await replacement.page.getByText('12 jobs').first().waitFor({ timeout: 30_000 });
    const contacted = replacement.page.waitForResponse(
      (response) =>
        response.url().endsWith('/cognito-idp') &&
        response.request().headers()['x-amz-target']?.endsWith('.GetUser') === true,
    );
    await replacement.context.setOffline(true);
    await replacement.context.setOffline(false);
    await contacted;

    await createJob(replacement.page, 'Check the spare pump', 'Harbour Pump Station');
    await eventually(
      'the new phone’s job on the server',
      () => serverRecords(server, 'Job', 'title'),
      (jobs) => jobs.some((job) => job['title'] === 'Check the spare pump'),
    );
    assert.ok((await keptOnDevice(replacement.page)).tokens > 0, 'still signed in');
  });

  it('lets her sign in again on the erased phone, which is not erased again', async () => {
    await signInOnPage(lost.page, ANA.email, ANA.password);
    // The phone was erased on the page of the job made offline, which went with it.
    await lost.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await lost.page.getByRole('button', { name: /^All/ }).click();
    await lost.page.getByText('Check the spare pump').waitFor({ timeout: 30_000 });
    assert.equal(await lost.page.getByText('was erased on').count(), 0);
  });
});
