import { userPoolApi } from '../../testing/user-pool-project.ts';
import { crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import type { UserPoolSettings } from '../src/user-pool/pool.ts';
import { DataStoreClient } from './client-process.ts';
import { addAccount, startTestServer, tempDbPath } from './harness.ts';
import { configureAuth, POOL } from './user-pool-client.ts';

/** The crew that works the device's site: the Crew member is in it, and its records carry its scope. */
export const DEVICE_CREW = crewScope('depot');

export interface CrewDevice {
  readonly server: RunningServer;
  readonly client: DataStoreClient;
  /** Ends the client, stops the server and removes its database. */
  dispose(): Promise<void>;
}

/**
 * A server on the user-pool API with one site (`s1`, Depot) and the `jobs` given, both of the crew
 * DEVICE_CREW, and a DataStore client on which the Crew member `email` of that crew (invited with the
 * password they chose: harness.ts's addAccount) has signed in; Amplify Auth in this process is
 * pointed at the same pool. A job the test makes on the device needs DEVICE_CREW's scope too (the
 * app copies it from the site; this client writes what it is given). `scoped`: the device holds
 * DEVICE_CREW's share as the app's sync leader keeps it (sync expressions, eviction, ghost sweep).
 * `syncPageSize`: the records a sync page asks for (the client's default otherwise).
 */
export async function startCrewDevice(
  email: string,
  password: string,
  userPool: Partial<UserPoolSettings> = {},
  jobs: ({ id: string } & Record<string, unknown>)[] = [],
  { scoped = false, syncPageSize }: { scoped?: boolean; syncPageSize?: number } = {},
): Promise<CrewDevice> {
  const db = tempDbPath();
  const dbPath = db.path;
  const server = await startTestServer(dbPath, {
    ...userPoolApi(),
    userPool,
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot', ...DEVICE_CREW }]);
      insertRecords(
        store,
        'Job',
        jobs.map((job) => ({ ...DEVICE_CREW, ...job })),
      );
    },
  });
  const url = `http://127.0.0.1:${server.port}/`;
  await configureAuth(url);
  addAccount(dbPath, email, password, 'Crew', [DEVICE_CREW.crewID]);
  const client = await DataStoreClient.spawn();
  await client.start(server.port, '', {
    userPool: { ...POOL, endpoint: `${url}cognito-idp`, username: email, password },
    ...(scoped ? { scope: { crewGroups: [DEVICE_CREW.crewGroup], syncCrew: DEVICE_CREW.crewID } } : {}),
    ...(syncPageSize ? { syncPageSize } : {}),
  });
  return {
    server,
    client,
    async dispose() {
      client.kill();
      await server.close();
      db.cleanup();
    },
  };
}
