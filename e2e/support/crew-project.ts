import { type Device, openDevice } from '../../testing/browser.ts';
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
