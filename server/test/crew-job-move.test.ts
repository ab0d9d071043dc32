import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { addCrewMember, type CrewMember, NORTH_MEMBER, OFFICE, SOUTH_MEMBER } from '../../testing/crew-members.ts';
import { crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { DataStoreClient } from './client-process.ts';
import { asOfficeOn, startNorthSouthServer } from './crew-scoped-server.ts';
import { tempDbPath, waitFor } from './harness.ts';
import { POOL } from './user-pool-client.ts';

// The office gives one job of a North site to South, as its job form does: the job goes to a South
// site (the form moves a job to another crew only with a site of that crew), taking its note, its
// photo's record and its history along, and a handover tells North. North's phone lets the job go
// with all on it and keeps the site and its other job; South's phone gets the job with all on it.
const db = tempDbPath();
let server: RunningServer;
let office: DataStoreClient;
let north: DataStoreClient;
let south: DataStoreClient;
const NORTH = crewScope('north');
/** What goes with the moved job, as `Model:id`. */
const ON_THE_JOB = ['Attachment:photo-1', 'ChangeLogEntry:history-1', 'FieldNote:note-1', 'Job:moved'];

const job = (id: string, siteID: string) => ({
  id,
  siteID,
  title: `Job ${id}`,
  status: 'OPEN',
  priority: 'NORMAL',
  ...NORTH,
});

const asOffice = (query: string) => asOfficeOn(server, db.path, query);

/** The records a device holds of the models a job takes along, as `Model:id`. */
async function heldOn(device: DataStoreClient): Promise<string[]> {
  const held = [];
  for (const model of ['Attachment', 'ChangeLogEntry', 'FieldNote', 'Job'])
    for (const record of await device.query(model)) if (!record['_deleted']) held.push(`${model}:${record['id']}`);
  return held.sort();
}

const holdsAll = (held: string[], records: string[]) => records.every((record) => held.includes(record));

async function startDevice(device: DataStoreClient, member: CrewMember, crew: string | null): Promise<void> {
  await device.start(server.port, '', {
    userPool: { ...POOL, endpoint: `${server.url}cognito-idp`, username: member.email, password: member.password },
    scope: crew ? { crewGroups: [crewGroupOf(crew)], syncCrew: crew } : { crewGroups: null, syncCrew: null },
  });
}

before(async () => {
  server = await startNorthSouthServer(db.path, (store) => {
    insertRecords(store, 'Site', [
      { id: 'n1', name: 'Harbour', ...NORTH },
      { id: 's1', name: 'Docks', ...crewScope('south') },
    ]);
    insertRecords(store, 'Job', [job('moved', 'n1'), job('stays', 'n1')]);
    insertRecords(store, 'FieldNote', [
      { id: 'note-1', jobID: 'moved', body: 'Valve checked', observedAt: '2026-12-01T08:00:00.000Z', ...NORTH },
    ]);
    insertRecords(store, 'Attachment', [
      {
        id: 'photo-1',
        jobID: 'moved',
        key: 'public/crews/north/photos/moved/photo-1.jpg',
        contentHash: 'ab'.repeat(32),
        contentType: 'image/jpeg',
        size: 1000,
        width: 40,
        height: 30,
        takenAt: '2026-12-01T08:00:00.000Z',
        ...NORTH,
      },
    ]);
    insertRecords(store, 'ChangeLogEntry', [
      {
        id: 'history-1',
        recordModel: 'Job',
        recordID: 'moved',
        operation: 'create',
        fields: '{"title":"Job moved"}',
        savedAt: '2026-12-01T07:00:00.000Z',
        ...NORTH,
      },
    ]);
  });
  for (const member of [OFFICE, NORTH_MEMBER, SOUTH_MEMBER]) addCrewMember(db.path, member);
  [office, north, south] = await Promise.all([
    DataStoreClient.spawn(),
    DataStoreClient.spawn(),
    DataStoreClient.spawn(),
  ]);
  await startDevice(office, OFFICE, null);
  await startDevice(north, NORTH_MEMBER, 'north');
  await startDevice(south, SOUTH_MEMBER, 'south');
});

after(async () => {
  for (const device of [office, north, south]) device?.kill();
  await server?.close();
  db.cleanup();
});

test("a job the office moves to a site of another crew leaves the old crew's phone with all on it, and reaches the new crew's", async () => {
  await waitFor(
    'the job and all on it on North’s phone',
    async () => holdsAll(await heldOn(north), ON_THE_JOB),
    30_000,
  );
  await waitFor('the job on the office’s device', async () => (await heldOn(office)).includes('Job:moved'), 30_000);
  assert.deepEqual(await heldOn(south), [], 'South holds nothing of North’s');

  await office.call('moveToCrew', { model: 'Job', id: 'moved', crewID: 'south', changes: { siteID: 's1' } });
  await waitFor('the office’s outbox empty', async () => (await office.outbox()) === 0, 30_000);

  const { getJob, getFieldNote, getAttachment, getChangeLogEntry, syncHandovers } = (await asOffice(
    `{ getJob(id: "moved") { siteID crewID crewGroup previousCrewGroup _deleted }
       getFieldNote(id: "note-1") { crewID crewGroup }
       getAttachment(id: "photo-1") { crewID crewGroup }
       getChangeLogEntry(id: "history-1") { crewID crewGroup }
       syncHandovers { items { recordModel recordID crewID crewGroup toCrewID } } }`,
  )) as Record<string, unknown> & { syncHandovers: { items: unknown[] } };
  const SOUTH = { crewID: 'south', crewGroup: crewGroupOf('south') };
  assert.deepEqual(getJob, { siteID: 's1', ...SOUTH, previousCrewGroup: crewGroupOf('north'), _deleted: null });
  for (const moved of [getFieldNote, getAttachment, getChangeLogEntry]) assert.deepEqual(moved, SOUTH);
  assert.deepEqual(syncHandovers.items, [{ recordModel: 'Job', recordID: 'moved', ...NORTH, toCrewID: 'south' }]);

  await waitFor('the job and all on it off North’s phone', async () => (await heldOn(north)).length === 1, 30_000);
  assert.deepEqual(await heldOn(north), ['Job:stays'], 'the site’s other job stays');
  assert.deepEqual(
    (await north.query('Site')).map((site) => site['id']),
    ['n1'],
    'the site stays North’s',
  );
  assert.deepEqual(
    (await north.call<{ model: string; id: string }[]>('evictions')).map(({ model, id }) => `${model}:${id}`).sort(),
    ON_THE_JOB,
  );

  await waitFor(
    'the job and all on it on South’s phone',
    async () => holdsAll(await heldOn(south), ON_THE_JOB),
    30_000,
  );
  const onSouth = (await south.query('Job')).find((record) => record['id'] === 'moved');
  assert.deepEqual({ siteID: onSouth?.['siteID'], crewID: onSouth?.['crewID'] }, { siteID: 's1', crewID: 'south' });

  for (const [name, device] of [
    ['North', north],
    ['South', south],
    ['the office', office],
  ] as const) {
    const { reviews } = await device.events();
    assert.deepEqual(reviews?.list ?? [], [], `nothing filed for review on ${name}’s device`);
    assert.deepEqual(
      (await device.sent()).filter((mutation) => mutation.field.startsWith('delete')),
      [],
      `nothing deleted on the server by ${name}’s device`,
    );
  }
});
