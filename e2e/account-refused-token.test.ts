import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createJob, eventually, outboxDrained, outboxEntries } from '../testing/fieldbook.ts';
import { accessTokenExpired, clockWasAheadAtSignIn, heldAccessToken, signInOnPage } from '../testing/sign-in-page.ts';
import { crewMemberSignedIn, jobOnServer } from './support/crew-project.ts';

const ANA = { email: 'ana.silva@example.test', name: 'Ana Silva', password: 'Harbour-pumps-7' };
const TOKEN_SECONDS = 20;
/** Her phone's clock ran this fast when she signed in, and has been set right since. */
const CLOCK_AHEAD_MS = 10 * 60 * 1000;

// The server refuses an access token her phone still trusts (HTTP 401): Amplify measured the
// phone's clock as fast at the sign-in and still allows for it, so it will not refresh a token the
// server's clock has expired. A refused token says nothing about her changes: none is filed for
// review or dropped; the app renews her sign-in, or asks her to sign in when it cannot.
describe('a token the sync server refuses: the change waits, the sign-in is renewed', { timeout: 300_000 }, () => {
  const crew = crewMemberSignedIn(TOKEN_SECONDS, ANA);
  let offlineJob = '';

  it('her offline edit meets a refused token when the phone is back: she is asked to sign in, nothing is filed', async () => {
    const { device, project } = crew();
    const { page } = device;
    await device.context.setOffline(true);
    offlineJob = await createJob(page, 'Check outflow valve', 'Harbour Pump Station');
    await clockWasAheadAtSignIn(page, CLOCK_AHEAD_MS);
    // The office ended her sessions meanwhile, so renewing the refused token is refused too.
    project.signOutEverywhere(ANA.email);
    await accessTokenExpired(page, TOKEN_SECONDS);

    await device.context.setOffline(false);
    await page.getByText('Sign in again, Ana Silva').waitFor({ timeout: 30_000 });
    assert.ok(
      (await outboxEntries(page)).some((entry) => entry.modelId === offlineJob),
      'the edit is still queued',
    );
    assert.equal(await page.getByRole('link', { name: /to review/ }).count(), 0, 'nothing was filed for review');
    assert.doesNotMatch((await page.locator('fb-sync-bar').textContent()) ?? '', /All changes synced/);
  });

  it('after she signs in, the edit reaches the server as her', async () => {
    const { page } = crew().device;
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInOnPage(page, ANA.email, ANA.password);
    await outboxDrained(page, 30_000);
    assert.deepEqual(await jobOnServer(crew(), offlineJob), { job: true, authors: ['Ana Silva'] });
  });

  it('an edit sent with a token the server refuses goes once the sign-in is renewed, without asking her', async () => {
    const { page } = crew().device;
    await clockWasAheadAtSignIn(page, CLOCK_AHEAD_MS);
    const refused = await heldAccessToken(page);
    await accessTokenExpired(page, TOKEN_SECONDS);

    // Within the running app: a page load would open a new real-time connection, refused first.
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('link', { name: 'New job' }).click();
    const jobId = await createJob(page, 'Grease the sluice gate', 'Harbour Pump Station', { navigate: false });
    await eventually(
      'the job and its history on the server',
      // Read with the token the page holds, which the server refuses until the sign-in is renewed.
      () => jobOnServer(crew(), jobId).catch(() => ({ job: false, authors: [] })),
      ({ job, authors }) => job && authors.length > 0,
      30_000,
    );
    await outboxDrained(page, 30_000);
    assert.notEqual(await heldAccessToken(page), refused, 'the sign-in was renewed');
    assert.equal(await page.getByText(/Sign in again/).count(), 0, 'she was not asked to sign in');
    assert.equal(await page.getByRole('link', { name: /to review/ }).count(), 0, 'nothing was filed for review');
    assert.deepEqual(await jobOnServer(crew(), jobId), { job: true, authors: ['Ana Silva'] });
  });
});
