import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addCrewMember, type CrewMember, OFFICE } from '../../testing/crew-members.ts';
import { readSchema } from '../src/amplify-project.ts';
import { crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { asOfficeOn, startNorthSouthServer } from './crew-scoped-server.ts';
import { tempDbPath, waitFor } from './harness.ts';
import { writeOtherSchemaModels } from './other-schemas.ts';
import { LoopbackProxy } from './proxy.ts';
import { POOL } from './user-pool-client.ts';

// Fuzz seed 197 (200k run). Ana, in North, adds a note offline to a job of site n1. Meanwhile the
// office moves n1 to South (the job with it), deletes the job there, and moves n1 back to North.
// Ana's note reaches the server in North's scope, on a job deleted in South's. Her phone never hears
// of the delete (it happened outside her scope), the handover is void since the site came back, and
// the full sync's ghost sweep lets the job go without a word: her note stays on her phone on no job
// any screen shows, and no device that holds it heard of the delete after it arrived. Wanted: her
// phone puts the note in front of her, with the job's last copy to restore (n1 is North's again).
const db = tempDbPath();
let server: RunningServer;
let north: DataStoreClient;
/** North's phone's way to the API, cut to take it offline (its way to the user pool stays). */
let network: LoopbackProxy;
const ANA: CrewMember = { email: 'ana@fieldbook.test', name: 'Ana', group: 'Crew', password: 'Ana-password-1' };
const asOffice = (query: string) => asOfficeOn(server, db.path, query);
const idsOn = async (phone: DataStoreClient, model: string) =>
  (await phone.query(model))
    .filter((record) => !record['_deleted'])
    .map((record) => String(record['id']))
    .sort();

/** The office's move of site n1 (and job j1, unless deleted) from crew `from` to `to`, as crew-move.ts writes it. */
async function moveSite(from: string, to: string): Promise<void> {
  const { getSite, getJob } = (await asOffice(
    '{ getSite(id: "n1") { _version } getJob(id: "j1") { _version _deleted } }',
  )) as {
    getSite: { _version: number };
    getJob: { _version: number; _deleted: boolean | null };
  };
  const scope = `crewID: "${to}", crewGroup: "${crewGroupOf(to)}"`;
  await asOffice(`mutation { updateSite(input: { id: "n1", ${scope}, _version: ${getSite._version} }) { id } }`);
  if (!getJob._deleted)
    await asOffice(
      `mutation { updateJob(input: { id: "j1", ${scope}, previousCrewGroup: "${crewGroupOf(from)}", _version: ${getJob._version} }) { id } }`,
    );
  await asOffice(
    `mutation { createHandover(input: { crewID: "${from}", crewGroup: "${crewGroupOf(from)}", recordModel: "Site", recordID: "n1", toCrewID: "${to}", handedOverAt: "${new Date().toISOString()}" }) { id } }`,
  );
}

before(async () => {
  server = await startNorthSouthServer(db.path, (store) => {
    insertRecords(store, 'Site', [
      { id: 'n1', name: 'Harbour', ...crewScope('north') },
      { id: 'n2', name: 'Quay', ...crewScope('north') },
    ]);
    // North keeps another job, so its full sync of jobs brings something and the ghost sweep runs.
    insertRecords(
      store,
      'Job',
      ['n1', 'n2'].map((site, i) => ({
        id: `j${i + 1}`,
        siteID: site,
        title: `Job on ${site}`,
        status: 'OPEN',
        priority: 'NORMAL',
        ...crewScope('north'),
      })),
    );
  });
  network = await LoopbackProxy.start(server.port);
  addCrewMember(db.path, OFFICE);
  addCrewMember(db.path, { ...ANA, crews: ['north'] });
  north = await DataStoreClient.spawn();
  await north.start(network.port, '', {
    modelsModule: await writeOtherSchemaModels(readSchema()),
    userPool: { ...POOL, endpoint: `${server.url}cognito-idp`, username: ANA.email, password: ANA.password },
    syncPageSize: 100,
    // A full sync, with its ghost sweep, at every start of a sync round (a day, in the app).
    fullSyncIntervalMinutes: 0.001,
    scope: { crewGroups: [crewGroupOf('north')], syncCrew: 'north' },
  });
});

after(async () => {
  north.kill();
  await network.close();
  await server.close();
  db.cleanup();
});

test(
  'a note added offline to a job the office then moved to another crew and deleted there is put in front of its author',
  { todo: 'the handover is void once the site came back, and the ghost sweep that takes the job files nothing' },
  async () => {
    await waitFor('the job on North’s phone', async () => (await idsOn(north, 'Job')).includes('j1'), 30_000);
    const sleeps = await north.call<number>('retrySleeps');
    await north.call('holdRetries');
    network.cut();
    const { id: noteId } = await north.call<{ id: string }>('create', {
      model: 'FieldNote',
      fields: { jobID: 'j1', body: 'Seen offline', observedAt: new Date().toISOString(), ...crewScope('north') },
    });
    await waitFor('the note waits', async () => (await north.call<number>('retrySleeps')) > sleeps, 30_000);

    await moveSite('north', 'south');
    const { getJob } = (await asOffice('{ getJob(id: "j1") { _version } }')) as { getJob: { _version: number } };
    await asOffice(`mutation { deleteJob(input: { id: "j1", _version: ${getJob._version} }) { id } }`);
    await moveSite('south', 'north');

    network.restore();
    await north.call('releaseRetries');
    await north.call('restartSync', {}, 60_000);
    await waitFor('North’s outbox empty', async () => (await north.outbox()) === 0, 30_000);
    await waitFor('the job leaves North’s phone', async () => !(await idsOn(north, 'Job')).includes('j1'), 30_000);

    const { getFieldNote } = (await asOffice(`{ getFieldNote(id: "${noteId}") { jobID crewGroup _deleted } }`)) as {
      getFieldNote: Record<string, unknown>;
    };
    assert.deepEqual(getFieldNote, { jobID: 'j1', crewGroup: crewGroupOf('north'), _deleted: null });
    assert.deepEqual(await north.call('orphans'), [{ jobId: 'j1', noteIds: [noteId] }], 'Ana is told of her note');
  },
);
