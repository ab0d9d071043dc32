import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { type CrewDevice, startCrewDevice } from './crew-device.ts';

// A full sync whose later page the server refuses (HTTP 401: the access token ran out between two
// pages). DataStore ends that model's sync there, as if the refused page were its last and empty,
// and tells neither its error handler nor anyone else: the ghost sweep took every job of the pages
// that never came for one the server no longer has, and removed it from the device, where a crew
// member offline in the field saw jobs vanish until the next full sync. patches/LEDGER.md, D23.
const EMAIL = 'ana@example.test';
const PASSWORD = 'Harbour-pumps-7';
/** Short enough to run out while a page is held, long enough that Amplify sends a fresh one. */
const TOKEN_SECONDS = 10;
const PAGE = 5;
const JOBS = Array.from({ length: 12 }, (_, n) => `job-${String(n + 1).padStart(2, '0')}`);
let device: CrewDevice | undefined;

after(() => device?.dispose());

async function jobsOnDevice(): Promise<string[]> {
  const jobs = await device!.client.query('Job');
  return jobs
    .filter((job) => !job['_deleted'])
    .map((job) => String(job['id']))
    .sort();
}

/** How each Job sync since hub event `from` ended, as DataStore's `modelSynced` told it. */
async function jobSyncsSince(from: number) {
  const { hub } = await device!.client.events();
  return hub
    .slice(from)
    .filter(({ event, data }) => event === 'modelSynced' && data['model'] === 'Job')
    .map(({ data }) => ({ isFullSync: data['isFullSync'], isComplete: data['isComplete'] }));
}

/** The sync engine started again, its syncs and the ghost sweeps they asked for done. */
async function syncAgain(): Promise<number> {
  const { client } = device!;
  const from = (await client.events()).hub.length;
  await client.call('restartSync', {}, 60_000);
  await client.call('ghostSweepsDone');
  return from;
}

test('a full sync cut short by a refused page removes nothing from the device', { timeout: 180_000 }, async () => {
  device = await startCrewDevice(
    EMAIL,
    PASSWORD,
    { accessTokenSeconds: TOKEN_SECONDS, idTokenSeconds: TOKEN_SECONDS },
    JOBS.map((id) => ({ id, siteID: 's1', title: `Job ${id}`, status: 'OPEN', priority: 'NORMAL' })),
    { scoped: true, syncPageSize: PAGE },
  );
  const { client } = device;
  assert.deepEqual(await jobsOnDevice(), JOBS, 'the first sync brought every job');

  await client.call('fullSyncNext');
  await client.call('expireTokenBeforeSyncPage', { field: 'syncJobs', page: 2 });
  const from = await syncAgain();
  assert.deepEqual(
    await client.call('expiredSyncPage'),
    { status: 401, errorType: 'UnauthorizedException' },
    'the server refused the second page',
  );
  assert.deepEqual(await jobsOnDevice(), JOBS, 'every job stays on the device');
  assert.deepEqual(await client.call('ghosts'), [], 'nothing was taken for a ghost');
  assert.deepEqual(await jobSyncsSince(from), [{ isFullSync: true, isComplete: false }]);

  // DataStore recorded no last sync for the model (the refused page carries no start time): the next
  // sync is a full one again and brings every page, and the sweep after it finds nothing to remove.
  const next = await syncAgain();
  assert.deepEqual(await jobSyncsSince(next), [{ isFullSync: true, isComplete: true }]);
  assert.deepEqual(await client.call('ghosts'), []);
  assert.deepEqual(await jobsOnDevice(), JOBS);
});
