import { type Device, openDevice, waitForServiceWorker } from '../../testing/browser.ts';
import { signInOnPage, startUserPoolProject, type UserPoolProject } from '../../testing/user-pool-project.ts';
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
 * Invites a Crew member, who signs in on the device for the first time (choosing `password`), and
 * waits until the app is cached for offline use and the demo's Harbour Pump Station has synced.
 */
export async function firstSignIn(crew: CrewProject, email: string, name: string, password: string): Promise<void> {
  const { page } = crew.device;
  const temporary = crew.project.invite(email, name, 'Crew');
  await page.goto('/jobs');
  await signInOnPage(page, email, temporary, password);
  await waitForServiceWorker(page);
  await page.goto('/sites');
  await page
    .getByRole('link', { name: /Harbour Pump Station/ })
    .first()
    .waitFor({ timeout: 30_000 });
}
