import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { accessTokenOf, addCrewMember, type CrewMember, OFFICE, withPoolAdmin } from '../../testing/crew-members.ts';
import { readSchema } from '../src/amplify-project.ts';
import { CREW_MODEL, CrewDirectory, crewGroupOf, crewScope } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import type { SqliteStore } from '../src/store/sqlite-store.ts';
import { DataStoreClient } from './client-process.ts';
import { startCrewScopedServer } from './crew-scoped-server.ts';
import { gql, tempDbPath, waitFor } from './harness.ts';
import { writeOtherSchemaModels } from './other-schemas.ts';
import { openRealtimeSocket } from './realtime-socket.ts';
import { POOL } from './user-pool-client.ts';

// Two crews, North and South, each working two sites of twelve jobs, and three jobs from before
// crews; people in one crew, in both, in the office, and a viewer: what each of them gets over
// sync (page by page), list, get, mutations and real-time, against the real server.
const db = tempDbPath();
let server: RunningServer;
const SCHEMA = readSchema();

const person = (name: string, group: CrewMember['group'] = 'Crew'): CrewMember => ({
  email: `${name.toLowerCase()}@fieldbook.test`,
  name,
  group,
  password: `${name}-password-1`,
});
const PEOPLE = { ana: person('Ana'), ben: person('Ben'), cai: person('Cai'), vic: person('Vic', 'Viewer') };
const CREWS_OF: Partial<Record<keyof typeof PEOPLE, string[]>> = {
  ana: ['north'],
  ben: ['south'],
  cai: ['north', 'south'],
};
const JOBS_PER_SITE = 12;
const SITES = { north: ['n1', 'n2'], south: ['s1', 's2'] };
const jobIdsOf = (crew: 'north' | 'south') =>
  SITES[crew].flatMap((site) => Array.from({ length: JOBS_PER_SITE }, (_, n) => `${site}-job-${n + 1}`)).sort();
const LEGACY_JOBS = ['old-job-1', 'old-job-2', 'old-job-3'];
const ALL_JOBS = [...jobIdsOf('north'), ...jobIdsOf('south'), ...LEGACY_JOBS].sort();

const job = (id: string, siteID: string) => ({ id, siteID, title: `Job ${id}`, status: 'OPEN', priority: 'NORMAL' });

function seed(store: SqliteStore): void {
  const crews = new CrewDirectory(store);
  crews.create('North', 'north');
  crews.create('South', 'south');
  for (const crew of ['north', 'south'] as const) {
    insertRecords(
      store,
      'Site',
      SITES[crew].map((id) => ({ id, name: `Site ${id}`, ...crewScope(crew) })),
    );
    const jobs = jobIdsOf(crew).map((id) => ({ ...job(id, id.split('-')[0]!), ...crewScope(crew) }));
    insertRecords(store, 'Job', jobs);
  }
  // Written before crews: no scope fields.
  insertRecords(store, 'Site', [{ id: 'old-site', name: 'Old site' }]);
  insertRecords(
    store,
    'Job',
    LEGACY_JOBS.map((id) => job(id, 'old-site')),
  );
}

const tokenOf = (who: CrewMember) => accessTokenOf({ url: server.url.replace(/\/$/, ''), dbPath: db.path }, who);

async function as(who: CrewMember, query: string, variables: Record<string, unknown> = {}) {
  return gql(server.port, query, variables, { authorization: await tokenOf(who) });
}

/** Every page of `syncJobs` as `who` sees it, with the rows the server read for them. */
async function syncJobs(who: CrewMember, filter: unknown, limit: number) {
  const ids: string[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  await tokenOf(who);
  const before = server.rowsRead();
  do {
    const { body } = await as(
      who,
      'query ($f: ModelJobFilterInput, $l: Int, $t: String) { syncJobs(filter: $f, limit: $l, nextToken: $t) { items { id } nextToken } }',
      { f: filter, l: limit, t: nextToken },
    );
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    ids.push(...(body.data.syncJobs.items as { id: string }[]).map((job) => job.id));
    nextToken = body.data.syncJobs.nextToken as string | null;
    pages++;
  } while (nextToken);
  return { ids: ids.sort(), pages, rowsRead: server.rowsRead() - before };
}

/** What reading `rows` rows `limit` at a time costs: each page reads one more than it returns, to know if more follow. */
const pagedReads = (rows: number, limit: number) => {
  let read = 0;
  for (let offset = 0; offset < rows; offset += limit) read += Math.min(limit + 1, rows - offset);
  return read;
};

before(async () => {
  server = await startCrewScopedServer(db.path, seed);
  for (const [name, member] of Object.entries(PEOPLE)) {
    addCrewMember(db.path, member);
    withPoolAdmin(db.path, (admin) => {
      for (const crew of CREWS_OF[name as keyof typeof PEOPLE] ?? [])
        admin.setInCrew(member.email, crewGroupOf(crew), true);
    });
  }
});

after(async () => {
  await server.close();
  db.cleanup();
});

describe('reads', () => {
  test("a Crew user of North syncs, lists and gets North's records only, page by page", async () => {
    const synced = await syncJobs(PEOPLE.ana, null, 5);
    assert.deepEqual(synced.ids, jobIdsOf('north'));
    // A scan with the crew's filter: limit counts every job read, so pages come back short.
    assert.equal(synced.pages, Math.ceil(ALL_JOBS.length / 5));

    const listed = await as(PEOPLE.ana, '{ listJobs(limit: 1000) { items { id } } }');
    assert.deepEqual(
      (listed.body.data.listJobs.items as { id: string }[]).map((job) => job.id).sort(),
      jobIdsOf('north'),
    );
    const sites = await as(PEOPLE.ana, '{ syncSites { items { id } } syncCrews { items { id name } } }');
    assert.deepEqual((sites.body.data.syncSites.items as { id: string }[]).map((site) => site.id).sort(), SITES.north);
    assert.deepEqual(sites.body.data.syncCrews.items, [{ id: 'north', name: 'North' }]);

    const own = await as(PEOPLE.ana, '{ getJob(id: "n1-job-1") { id title } }');
    assert.deepEqual(own.body.data.getJob, { id: 'n1-job-1', title: 'Job n1-job-1' });
    for (const id of ['s1-job-1', 'old-job-1']) {
      const other = await as(PEOPLE.ana, `{ getJob(id: "${id}") { id } }`);
      assert.equal(other.body.errors?.[0]?.errorType, 'Unauthorized', id);
      assert.equal(other.body.errors[0].message, 'Not Authorized to access getJob on type Query');
    }
  });

  test('a member of two crews gets both; Office and Viewer get every job, those from before crews included', async () => {
    assert.deepEqual((await syncJobs(PEOPLE.cai, null, 100)).ids, [...jobIdsOf('north'), ...jobIdsOf('south')].sort());
    assert.deepEqual((await syncJobs(OFFICE, null, 100)).ids, ALL_JOBS);
    assert.deepEqual((await syncJobs(PEOPLE.vic, null, 100)).ids, ALL_JOBS);
  });
});

describe("the sync filter, answered as AppSync's sync resolver answers it", () => {
  const north = { and: [{ crewID: { eq: 'north' } }] };

  test('`crewID eq North` as the first `and` term is a Query of the byCrew index: only the partition is read, pages included', async () => {
    for (const who of [PEOPLE.ana, OFFICE, PEOPLE.cai]) {
      const synced = await syncJobs(who, north, 5);
      assert.deepEqual(synced.ids, jobIdsOf('north'), who.email);
      assert.equal(synced.rowsRead, pagedReads(jobIdsOf('north').length, 5), who.email);
      // A Query's limit counts only the partition's items: full pages until the last.
      assert.equal(synced.pages, Math.ceil(jobIdsOf('north').length / 5), who.email);
    }
  });

  test('any other filter is a Scan of every job with the filter, pages included', async () => {
    const bothCrews = { or: [{ crewID: { eq: 'north' } }, { crewID: { eq: 'south' } }] };
    const southSecond = { and: [{ title: { ne: '' } }, { crewID: { eq: 'south' } }] };
    for (const [filter, expected] of [
      [bothCrews, [...jobIdsOf('north'), ...jobIdsOf('south')].sort()],
      [southSecond, jobIdsOf('south')],
    ] as const) {
      const synced = await syncJobs(PEOPLE.cai, filter, 5);
      assert.deepEqual(synced.ids, expected, JSON.stringify(filter));
      assert.equal(synced.rowsRead, pagedReads(ALL_JOBS.length, 5), JSON.stringify(filter));
    }
  });

  test('the Crew user who asks for another crew gets nothing from it, read by the same Query', async () => {
    const synced = await syncJobs(PEOPLE.ana, { and: [{ crewID: { eq: 'south' } }] }, 5);
    assert.deepEqual(synced.ids, []);
    assert.equal(synced.rowsRead, pagedReads(jobIdsOf('south').length, 5));
  });
});

describe('writes', () => {
  const create = `mutation ($input: CreateJobInput!) { createJob(input: $input) { id crewID } }`;
  const update = `mutation ($input: UpdateJobInput!) { updateJob(input: $input) { id title crewID _version } }`;

  test("a Crew user cannot create a job in another crew's scope, nor change one of its jobs", async () => {
    const outside = await as(PEOPLE.ana, create, {
      input: { ...job('ana-south', 's1'), ...crewScope('south') },
    });
    assert.equal(outside.body.errors?.[0]?.errorType, 'Unauthorized');
    assert.equal(outside.body.errors[0].message, 'Not Authorized to access createJob on type Mutation');
    const unscoped = await as(PEOPLE.ana, create, { input: job('ana-none', 'n1') });
    assert.equal(unscoped.body.errors?.[0]?.errorType, 'Unauthorized');

    const edit = await as(PEOPLE.ana, update, { input: { id: 's1-job-2', title: 'Edited by North', _version: 1 } });
    assert.equal(edit.body.errors?.[0]?.errorType, 'Unauthorized');
    assert.equal(edit.body.errors[0].message, 'Not Authorized to access updateJob on type Mutation');
    const legacy = await as(PEOPLE.ana, update, { input: { id: 'old-job-2', title: 'Edited by North', _version: 1 } });
    assert.equal(legacy.body.errors?.[0]?.errorType, 'Unauthorized');

    const office = await as(OFFICE, update, { input: { id: 'old-job-2', title: 'Edited by the office', _version: 1 } });
    assert.equal(office.body.errors, undefined, 'records from before crews stay editable by Office');
    const stored = await as(OFFICE, '{ getJob(id: "s1-job-2") { title } }');
    assert.equal(stored.body.data.getJob.title, 'Job s1-job-2');
  });

  test('in their own crew they create and edit jobs', async () => {
    const created = await as(PEOPLE.ana, create, {
      input: { ...job('ana-north', 'n1'), ...crewScope('north') },
    });
    assert.deepEqual(created.body.data.createJob, { id: 'ana-north', crewID: 'north' });
    const edited = await as(PEOPLE.ana, update, { input: { id: 'n2-job-3', title: 'Edited by North', _version: 1 } });
    assert.equal(edited.body.data.updateJob.title, 'Edited by North');
  });

  test('as on AppSync, update checks the stored record: a member may hand a job of their crew to another, and loses it', async () => {
    const moved = await as(PEOPLE.ana, update, {
      input: { id: 'n2-job-4', siteID: 's2', ...crewScope('south'), _version: 1 },
    });
    assert.equal(moved.body.data.updateJob.crewID, 'south');
    const gone = await as(PEOPLE.ana, '{ getJob(id: "n2-job-4") { id } }');
    assert.equal(gone.body.errors?.[0]?.errorType, 'Unauthorized');
    const back = await as(PEOPLE.ana, update, { input: { id: 'n2-job-4', ...crewScope('north'), _version: 2 } });
    assert.equal(back.body.errors?.[0]?.errorType, 'Unauthorized', 'and cannot take it back');
    const south = await as(PEOPLE.ben, '{ getJob(id: "n2-job-4") { siteID } }');
    assert.equal(south.body.data.getJob.siteID, 's2');
  });

  test("as on AppSync, an owner rule admits a note of one's own in any scope (rules are alternatives)", async () => {
    const note = await as(PEOPLE.ana, 'mutation ($i: CreateFieldNoteInput!) { createFieldNote(input: $i) { id } }', {
      i: {
        id: 'ana-note-south',
        jobID: 's1-job-1',
        body: 'Seen from the road',
        observedAt: '2026-12-07T09:00:00.000Z',
        ...crewScope('south'),
      },
    });
    assert.equal(note.body.errors, undefined);
  });
});

describe('real-time and DataStore devices', () => {
  const devices: Partial<Record<'ana' | 'ben' | 'cai', DataStoreClient>> = {};
  const jobsOn = async (who: 'ana' | 'ben' | 'cai') =>
    (await devices[who]!.query('Job')).filter((job) => !job['_deleted']).map((job) => String(job['id']));

  before(async () => {
    const modelsModule = await writeOtherSchemaModels(SCHEMA);
    for (const who of ['ana', 'ben', 'cai'] as const) {
      const member = PEOPLE[who];
      devices[who] = await DataStoreClient.spawn();
      const userPool = {
        ...POOL,
        endpoint: `${server.url}cognito-idp`,
        username: member.email,
        password: member.password,
      };
      await devices[who].start(server.port, '', {
        modelsModule,
        userPool,
        syncPageSize: 5,
        // North's device syncs its crew's jobs only, by the byCrew index; the others sync every job they may read.
        ...(who === 'ana' ? { selective: { model: 'Job', field: 'crewID', eq: 'north' } } : {}),
      });
    }
  });
  after(() => {
    for (const device of Object.values(devices)) device.kill();
  });

  test("each device holds its crews' jobs, and hears of new ones only in its crews", async () => {
    const visible = async (crews: ('north' | 'south')[]) => {
      const answer = await as(OFFICE, '{ listJobs(limit: 1000) { items { id crewID _deleted } } }');
      return (answer.body.data.listJobs.items as { id: string; crewID: string | null }[])
        .filter((job) => crews.includes(job.crewID as 'north'))
        .map((job) => job.id)
        .sort();
    };
    for (const [who, crews] of [
      ['ana', ['north']],
      ['ben', ['south']],
      ['cai', ['north', 'south']],
    ] as const) {
      const expected = await visible([...crews]);
      await waitFor(`${who}'s first sync`, async () => (await jobsOn(who)).length >= expected.length, 30_000);
      assert.deepEqual((await jobsOn(who)).sort(), expected, who);
    }

    // South's job first, then North's: events reach a socket in commit order, so once North's job is
    // on Ana's device, South's would be there too had it been sent to her.
    for (const [id, crew] of [
      ['live-south', 'south'],
      ['live-north', 'north'],
      ['live-south-2', 'south'],
    ] as const) {
      const made = await as(OFFICE, 'mutation ($i: CreateJobInput!) { createJob(input: $i) { id } }', {
        i: { ...job(id, SITES[crew][0]), ...crewScope(crew) },
      });
      assert.equal(made.body.errors, undefined);
    }
    await waitFor("North's new job on Ana's device", async () => (await jobsOn('ana')).includes('live-north'), 20_000);
    assert.ok(!(await jobsOn('ana')).some((id) => id.startsWith('live-south')), "South's jobs never reached Ana");
    await waitFor("South's second job on Ben's device", async () => (await jobsOn('ben')).includes('live-south-2'));
    assert.ok(!(await jobsOn('ben')).includes('live-north'), "North's job never reached Ben");
    await waitFor('every new job on Cai’s device', async () => {
      const held = await jobsOn('cai');
      return ['live-south', 'live-north', 'live-south-2'].every((id) => held.includes(id));
    });
    const refused = (await Promise.all(Object.values(devices).map((device) => device.events()))).flatMap((events) =>
      events.hub.filter((event) => event.event === 'errorHandler'),
    );
    assert.deepEqual(refused, []);
    // Crews are records too: each device holds its own.
    assert.deepEqual(
      (await devices.ana!.query(CREW_MODEL)).map((crew) => crew['id']),
      ['north'],
    );
  });
});

test("a person in more groups than AppSync's subscription filter takes cannot follow changes live, as on AppSync", async () => {
  const dee = person('Dee');
  addCrewMember(db.path, dee);
  // Past the users command's own limit, straight in the pool: what four crews at most prevents.
  withPoolAdmin(db.path, (_admin, pool) => {
    const sub = pool.users.byUsername(dee.email)?.sub ?? '';
    for (const crew of ['north', 'south', 'east', 'west', 'central'])
      pool.users.setInGroup(sub, crewGroupOf(crew), true);
  });
  const subscription = 'subscription { onCreateJob { id } }';
  const crowded = await openRealtimeSocket(server.port, await tokenOf(dee));
  const refused = await crowded.start('1', subscription);
  crowded.close();
  assert.deepEqual(refused, {
    type: 'error',
    id: '1',
    payload: { errors: [{ message: 'subscription exceeds maximum value limit 5 for operator `in`.', errorCode: 400 }] },
  });
  const ana = await openRealtimeSocket(server.port, await tokenOf(PEOPLE.ana));
  assert.equal((await ana.start('1', subscription)).type, 'start_ack');
  ana.close();
});
