import assert from 'node:assert/strict';
import { test } from 'node:test';

import { userPoolApi } from '../../testing/user-pool-project.ts';
import { crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import { DataStoreClient } from './client-process.ts';
import { addAccount, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { configureAuth, POOL } from './user-pool-client.ts';

// A change the person may not make (Crew may not delete jobs) is refused by AppSync as Unauthorized;
// DataStore reports it without values and drops it. The app's review keeps it, values and why.
const CREW = { username: 'ana@example.test', password: 'Harbour-pumps-7' };
/** The crew that works the depot: Ana is in it. */
const DEPOT = crewScope('depot');

test(
  'a job delete the server refuses for a Crew user is in the review list with its values',
  { timeout: 180_000 },
  async (t) => {
    const db = tempDbPath();
    t.after(() => db.cleanup());
    const server = await startTestServer(db.path, {
      ...userPoolApi(),
      seed: async (store) => {
        await insertRecords(store, 'Site', [{ id: 's1', name: 'Depot', ...DEPOT }]);
        await insertRecords(store, 'Job', [
          { id: 'j1', siteID: 's1', title: 'Replace boiler valve', status: 'OPEN', priority: 'HIGH', ...DEPOT },
        ]);
      },
    });
    t.after(() => server.close());
    const port = server.port;
    await configureAuth(`http://127.0.0.1:${port}/`);
    addAccount(db.path, CREW.username, CREW.password, 'Crew', [DEPOT.crewID]);
    const userPool = { ...POOL, endpoint: `http://127.0.0.1:${port}/cognito-idp`, ...CREW };
    const client = await DataStoreClient.spawn();
    t.after(() => client.kill());
    await client.start(port, '', { userPool });
    await waitFor('the job synced to the device', async () => (await client.query('Job')).length === 1);

    await client.call('delete', { model: 'Job', id: 'j1' });

    await waitFor(
      'the refused delete filed for review',
      async () => ((await client.events()).reviews?.list.length ?? 0) > 0,
    );
    const { reviews } = await client.events();
    assert.deepEqual(
      reviews?.list.map(({ kind, model, recordId, operation, mine }) => ({
        kind,
        model,
        recordId,
        operation,
        title: mine['title'],
      })),
      [{ kind: 'failed', model: 'Job', recordId: 'j1', operation: 'delete', title: 'Replace boiler valve' }],
    );
    assert.match(reviews?.list[0]?.reason ?? '', /^You may no longer delete this job/);
    await waitFor('the refused delete left the outbox', async () => (await client.outbox()) === 0);
  },
);
