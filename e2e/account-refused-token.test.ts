import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import { createJob, eventually, outboxDrained, outboxEntries } from '../testing/fieldbook.ts';
import {
  accessTokenExpired,
  clockWasAheadAtSignIn,
  heldAccessToken,
  queryAsSignedIn,
  signInOnPage,
  type UserPoolProject,
} from '../testing/user-pool-project.ts';
import { type CrewProject, firstSignIn, startCrewProject } from './support/crew-project.ts';

const EMAIL = 'ana.silva@example.test';
const PASSWORD = 'Harbour-pumps-7';
const TOKEN_SECONDS = 20;
/** Her phone's clock ran this fast when she signed in, and has been set right since. */
const CLOCK_AHEAD_MS = 10 * 60 * 1000;

/** Whether the server holds a job, and who made each change of it in its history, read as Ana. */
async function onServer(device: Device, project: UserPoolProject, jobId: string) {
  const answer = (await queryAsSignedIn(
    device.page,
    project.url,
    `{ syncJobs(limit: 1000) { items { id } } syncChangeLogEntries(limit: 1000) { items { recordID author } } }`,
  )) as {
    data: {
      syncJobs: { items: { id: string }[] };
      syncChangeLogEntries: { items: { recordID: string; author: string }[] };
    };
  };
  return {
    job: answer.data.syncJobs.items.some((job) => job.id === jobId),
    authors: answer.data.syncChangeLogEntries.items.filter((e) => e.recordID === jobId).map((e) => e.author),
  };
}

// The server refuses an access token her phone still trusts (HTTP 401): Amplify measured the
// phone's clock as fast at the sign-in and still allows for it, so it will not refresh a token the
// server's clock has expired. A refused token says nothing about her changes: none is filed for
// review or dropped; the app renews her sign-in, or asks her to sign in when it cannot.
describe('a token the sync server refuses: the change waits, the sign-in is renewed', { timeout: 300_000 }, () => {
  let crew: CrewProject;
  let project: UserPoolProject;
  let device: Device;
  let offlineJob = '';

  before(async () => {
    crew = await startCrewProject(TOKEN_SECONDS);
    ({ project, device } = crew);
    await firstSignIn(crew, EMAIL, 'Ana Silva', PASSWORD);
  });

  after(async () => {
    await crew?.dispose();
  });

  it('her offline edit meets a refused token when the phone is back: she is asked to sign in, nothing is filed', async () => {
    const { page } = device;
    await device.context.setOffline(true);
    offlineJob = await createJob(page, 'Check outflow valve', 'Harbour Pump Station');
    await clockWasAheadAtSignIn(page, CLOCK_AHEAD_MS);
    // The office ended her sessions meanwhile, so renewing the refused token is refused too.
    project.signOutEverywhere(EMAIL);
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
    const { page } = device;
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInOnPage(page, EMAIL, PASSWORD);
    await outboxDrained(page, 30_000);
    assert.deepEqual(await onServer(device, project, offlineJob), { job: true, authors: ['Ana Silva'] });
  });

  it('an edit sent with a token the server refuses goes once the sign-in is renewed, without asking her', async () => {
    const { page } = device;
    await clockWasAheadAtSignIn(page, CLOCK_AHEAD_MS);
    const refused = await heldAccessToken(page);
    await accessTokenExpired(page, TOKEN_SECONDS);

    // Within the running app: a page load would open a new real-time connection, refused first.
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('link', { name: 'New job' }).click();
    const jobId = await createJob(page, 'Grease the sluice gate', 'Harbour Pump Station', { navigate: false });
    await eventually(
      'the job and its history on the server',
      () => onServer(device, project, jobId),
      ({ job, authors }) => job && authors.length > 0,
      30_000,
    );
    await outboxDrained(page, 30_000);
    assert.notEqual(await heldAccessToken(page), refused, 'the sign-in was renewed');
    assert.equal(await page.getByText(/Sign in again/).count(), 0, 'she was not asked to sign in');
    assert.equal(await page.getByRole('link', { name: /to review/ }).count(), 0, 'nothing was filed for review');
    assert.deepEqual(await onServer(device, project, jobId), { job: true, authors: ['Ana Silva'] });
  });
});
