import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import { createJob, outboxDrained, outboxEntries } from '../testing/fieldbook.ts';
import {
  accessTokenExpired,
  queryAsSignedIn,
  signInOnPage,
  type UserPoolProject,
} from '../testing/user-pool-project.ts';
import { type CrewProject, firstSignIn, startCrewProject } from './support/crew-project.ts';

const EMAIL = 'ana.silva@example.test';
const PASSWORD = 'Harbour-pumps-7';
const TOKEN_SECONDS = 20;

// The office ends every sign-in of a crew member (`npm run users -- sign-out-everywhere`) while
// their phone is offline with a change queued. Once its access token has expired the phone cannot
// sync: she is asked to sign in again, the change waits, and it is sent as her after the sign-in.
describe('a revoked session: sign in again, nothing lost', { timeout: 240_000 }, () => {
  let crew: CrewProject;
  let project: UserPoolProject;
  let device: Device;
  let jobId = '';

  before(async () => {
    crew = await startCrewProject(TOKEN_SECONDS);
    ({ project, device } = crew);
    await firstSignIn(crew, EMAIL, 'Ana Silva', PASSWORD);
  });

  after(async () => {
    await crew?.dispose();
  });

  it('asks her to sign in again once back online, and keeps the queued change', async () => {
    await device.context.setOffline(true);
    jobId = await createJob(device.page, 'Check outflow valve', 'Harbour Pump Station');
    project.signOutEverywhere(EMAIL);
    await accessTokenExpired(device.page, TOKEN_SECONDS);

    await device.context.setOffline(false);
    await device.page.getByText('Sign in again, Ana Silva').waitFor({ timeout: 30_000 });
    assert.ok((await outboxEntries(device.page)).some((entry) => entry.modelId === jobId));
  });

  it('after she signs in again, the change reaches the server as her', async () => {
    await device.page.getByRole('link', { name: 'Sign in' }).click();
    await signInOnPage(device.page, EMAIL, PASSWORD);
    await outboxDrained(device.page, 30_000);
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
    assert.ok(answer.data.syncJobs.items.some((job) => job.id === jobId));
    assert.deepEqual(
      answer.data.syncChangeLogEntries.items.filter((entry) => entry.recordID === jobId).map((entry) => entry.author),
      ['Ana Silva'],
    );
  });
});
