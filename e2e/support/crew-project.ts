import { after, before } from 'node:test';

import { type Device, openDevice, waitForServiceWorker } from '../../testing/browser.ts';
import { queryAsSignedIn, signInOnPage } from '../../testing/sign-in-page.ts';
import { startUserPoolProject, type UserPoolProject } from '../../testing/user-pool-project.ts';
import { copyOfBuiltApp } from './app-release.ts';

/** A user-pool project serving a copy of the built app, and one device opened on it. */
export interface CrewProject {
  readonly project: UserPoolProject;
  readonly device: Device;
  dispose(): Promise<void>;
}

/** Tokens live `tokenSeconds`, so a test can see them expire. */
export async function startCrewProject(tokenSeconds: number): Promise<CrewProject> {
  const release = copyOfBuiltApp();
  const project = await startUserPoolProject(release.directory, {
    accessTokenSeconds: tokenSeconds,
    idTokenSeconds: tokenSeconds,
  });
  const device = await openDevice(project.url);
  return {
    project,
    device,
    async dispose() {
      await device.close();
      await project.dispose();
      release.dispose();
    },
  };
}

/**
 * Invites a Crew member of the demo's North crew (it works Harbour Pump Station), who signs in on the
 * device for the first time (choosing `password`), and waits until the app is cached for offline use and the demo's Harbour Pump Station has synced.
 */
export async function firstSignIn(crew: CrewProject, email: string, name: string, password: string): Promise<void> {
  const { page } = crew.device;
  const temporary = crew.project.invite(email, name, 'Crew', ['north']);
  await page.goto('/jobs');
  await signInOnPage(page, email, temporary, password);
  await waitForServiceWorker(page);
  await page.goto('/sites');
  await page
    .getByRole('link', { name: /Harbour Pump Station/ })
    .first()
    .waitFor({ timeout: 30_000 });
}

/**
 * The project of a `describe` block: started, with the Crew member signed in for the first time,
 * before its tests, and disposed after them. Call the returned function from within a test.
 */
export function crewMemberSignedIn(
  tokenSeconds: number,
  member: { email: string; name: string; password: string },
): () => CrewProject {
  let crew: CrewProject | undefined;
  before(async () => {
    crew = await startCrewProject(tokenSeconds);
    await firstSignIn(crew, member.email, member.name, member.password);
  });
  after(async () => {
    await crew?.dispose();
  });
  return () => {
    if (!crew) throw new Error('the crew project has not started');
    return crew;
  };
}

/** Whether the server holds a job, and who made each change of it in its history, read as the device's user. */
export async function jobOnServer({ device, project }: CrewProject, jobId: string) {
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
