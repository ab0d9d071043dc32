import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { createJob, eventually, openJob, outboxDrained, outboxEntries } from '../testing/fieldbook.ts';
import { accessTokenExpired, queryAsSignedIn, signInOnPage } from '../testing/sign-in-page.ts';
import { type UserPoolProject } from '../testing/user-pool-project.ts';
import { type CrewProject, startCrewProject } from './support/crew-project.ts';

const EMAIL = 'ana.silva@example.test';
const PASSWORD = 'Harbour-pumps-7';
/** Short, so the access token expires while the device is offline within the test. */
const TOKEN_SECONDS = 20;

// A crew member on a project with accounts: signs in once, then works offline past the expiry of
// their access token, and their work reaches the server as them once the device is back online.
describe('signed in once, working offline', { timeout: 240_000 }, () => {
  let crew: CrewProject;
  let project: UserPoolProject;
  let device: Device;
  let jobId = '';

  before(async () => {
    crew = await startCrewProject(TOKEN_SECONDS);
    ({ project, device } = crew);
  });

  after(async () => {
    await crew?.dispose();
  });

  it('sends a signed-out person to sign in, and says so when the password is wrong', async () => {
    // The demo's North crew works Harbour Pump Station.
    const temporary = project.invite(EMAIL, 'Ana Silva', 'Crew', ['north']);
    await device.page.goto('/jobs');
    await device.page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await device.page.getByLabel('Email').fill(EMAIL);
    await device.page.getByLabel('Password', { exact: true }).fill('not-her-password');
    await device.page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(
      'the wrong password to be announced',
      () => device.page.getByRole('alert').textContent(),
      (text) => text?.includes('Wrong email or password.') ?? false,
    );

    await signInOnPage(device.page, EMAIL, temporary, PASSWORD);
    await device.page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    await waitForServiceWorker(device.page);
  });

  it('shows who is signed in, with their role', async () => {
    await device.page.goto('/settings');
    const account = device.page.getByRole('region', { name: 'Account' });
    await account.getByText('Ana Silva').waitFor();
    assert.match((await account.textContent()) ?? '', /Role\s*Crew/);
  });

  it('creates a job offline and still has it, signed in, after a reload past the token expiry', async () => {
    // The sync engine restarted with her tokens: the crew's sites arrive (the list follows the device store).
    await device.page.goto('/sites');
    await device.page
      .getByRole('link', { name: /Harbour Pump Station/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await device.context.setOffline(true);
    jobId = await createJob(device.page, 'Replace float switch', 'Harbour Pump Station');
    assert.ok((await outboxEntries(device.page)).some((entry) => entry.modelId === jobId));

    await accessTokenExpired(device.page, TOKEN_SECONDS);
    await device.page.reload();
    await openJob(device.page, jobId, 'Replace float switch');
    assert.doesNotMatch(new URL(device.page.url()).pathname, /sign-in/);
    assert.ok((await outboxEntries(device.page)).some((entry) => entry.modelId === jobId));
  });

  it('back online, the job lands on the server as her', async () => {
    await device.context.setOffline(false);
    await outboxDrained(device.page, 30_000);
    const answer = (await queryAsSignedIn(
      device.page,
      project.url,
      `{ syncJobs(limit: 1000) { items { id title } }
         syncChangeLogEntries(limit: 1000) { items { recordID operation author } } }`,
    )) as {
      data: {
        syncJobs: { items: { id: string; title: string }[] };
        syncChangeLogEntries: { items: { recordID: string; operation: string; author: string }[] };
      };
    };
    assert.ok(answer.data.syncJobs.items.some((job) => job.id === jobId && job.title === 'Replace float switch'));
    assert.deepEqual(
      answer.data.syncChangeLogEntries.items.filter((entry) => entry.recordID === jobId),
      [{ recordID: jobId, operation: 'create', author: 'Ana Silva' }],
    );
  });
});
