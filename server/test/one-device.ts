import { after, before } from 'node:test';

import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { API_KEY, deviceAccount, startTestServer, tempDbPath, waitFor } from './harness.ts';

export interface OneDevice {
  readonly server: RunningServer;
  readonly device: DataStoreClient;
}

/**
 * For a test file: a server holding site `s1` ("Depot") with `jobs` on it, and one DataStore device
 * that has synced them; both go when the file's tests are done.
 */
export function oneDeviceWithJobs(jobs: readonly { id: string; title: string }[]): OneDevice {
  const db = tempDbPath();
  let running: OneDevice | undefined;
  before(async () => {
    const server = await startTestServer(db.path, {
      seed: (store) => {
        insertRecords(store, 'Site', [{ id: 's1', name: 'Depot' }]);
        insertRecords(
          store,
          'Job',
          jobs.map((job) => ({ ...job, siteID: 's1', status: 'OPEN', priority: 'LOW' })),
        );
      },
    });
    const device = await DataStoreClient.spawn();
    await device.start(server.port, API_KEY, { userPool: await deviceAccount(server.port) });
    await waitFor('the jobs synced', async () => (await device.query('Job')).length === jobs.length);
    running = { server, device };
  });
  after(async () => {
    running?.device.kill();
    await running?.server.close();
    db.cleanup();
  });
  const started = () => {
    if (!running) throw new Error('the server and device start before the tests');
    return running;
  };
  return {
    get server() {
      return started().server;
    },
    get device() {
      return started().device;
    },
  };
}
