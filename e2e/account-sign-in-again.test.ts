import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createJob, outboxDrained, outboxEntries } from '../testing/fieldbook.ts';
import { accessTokenExpired, signInOnPage } from '../testing/sign-in-page.ts';
import { crewMemberSignedIn, jobOnServer } from './support/crew-project.ts';

const ANA = { email: 'ana.silva@example.test', name: 'Ana Silva', password: 'Harbour-pumps-7' };
const TOKEN_SECONDS = 20;

// The office ends every sign-in of a crew member (`npm run users -- sign-out-everywhere`) while
// their phone is offline with a change queued. Once its access token has expired the phone cannot
// sync: she is asked to sign in again, the change waits, and it is sent as her after the sign-in.
describe('a revoked session: sign in again, nothing lost', { timeout: 240_000 }, () => {
  const crew = crewMemberSignedIn(TOKEN_SECONDS, ANA);
  let jobId = '';

  it('asks her to sign in again once back online, and keeps the queued change', async () => {
    const { device, project } = crew();
    await device.context.setOffline(true);
    jobId = await createJob(device.page, 'Check outflow valve', 'Harbour Pump Station');
    project.signOutEverywhere(ANA.email);
    await accessTokenExpired(device.page, TOKEN_SECONDS);

    await device.context.setOffline(false);
    await device.page.getByText('Sign in again, Ana Silva').waitFor({ timeout: 30_000 });
    assert.ok((await outboxEntries(device.page)).some((entry) => entry.modelId === jobId));
  });

  it('after she signs in again, the change reaches the server as her', async () => {
    const { device } = crew();
    await device.page.getByRole('link', { name: 'Sign in' }).click();
    await signInOnPage(device.page, ANA.email, ANA.password);
    await outboxDrained(device.page, 30_000);
    assert.deepEqual(await jobOnServer(crew(), jobId), { job: true, authors: ['Ana Silva'] });
  });
});
