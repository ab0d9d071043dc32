import { userPoolApi } from '../../testing/user-pool-project.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import type { UserPoolSettings } from '../src/user-pool/pool.ts';
import { DataStoreClient } from './client-process.ts';
import { addAccount, startTestServer, tempDbPath } from './harness.ts';
import { configureAuth, POOL } from './user-pool-client.ts';

export interface CrewDevice {
  readonly server: RunningServer;
  readonly client: DataStoreClient;
  /** Ends the client, stops the server and removes its database. */
  dispose(): Promise<void>;
}

/**
 * A server on the user-pool API with one site (`s1`, Depot) and the `jobs` given, and a DataStore
 * client on which the Crew member `email` (invited with the password they chose: harness.ts's
 * addAccount) has signed in; Amplify Auth in this process is pointed at the same pool.
 */
export async function startCrewDevice(
  email: string,
  password: string,
  userPool: Partial<UserPoolSettings> = {},
  jobs: ({ id: string } & Record<string, unknown>)[] = [],
): Promise<CrewDevice> {
  const db = tempDbPath();
  const dbPath = db.path;
  const server = await startTestServer(dbPath, {
    ...userPoolApi(),
    userPool,
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
      insertRecords(store, 'Job', jobs);
    },
  });
  const url = `http://127.0.0.1:${server.port}/`;
  await configureAuth(url);
  addAccount(dbPath, email, password, 'Crew');
  const client = await DataStoreClient.spawn();
  await client.start(server.port, '', {
    userPool: { ...POOL, endpoint: `${url}cognito-idp`, username: email, password },
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
