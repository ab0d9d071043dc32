import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { accessTokenOf, addCrewMember, type CrewMember, withPoolAdmin } from '../../testing/crew-members.ts';
import { repositoryRoot } from '../src/amplify-project.ts';
import type { RunningServer } from '../src/server.ts';
import { MAX_CREWS_PER_PERSON } from '../src/user-pool/crew-attributes.ts';
import { gql, startTestServer, tempDbPath } from './harness.ts';

// The users command's crews, run as an operator runs it, on the database of a server that is serving
// the demo data meanwhile.
const db = tempDbPath();
let server: RunningServer;
const ANA: CrewMember = { email: 'ana@fieldbook.test', name: 'Ana', group: 'Crew', password: 'Ana-password-1' };
const VIC: CrewMember = { email: 'vic@fieldbook.test', name: 'Vic', group: 'Viewer', password: 'Vic-password-1' };

function users(...args: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/users-main.ts', ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, FIELDBOOK_DB: db.path },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

before(async () => {
  server = await startTestServer(db.path, { seed: 'demo' });
  addCrewMember(db.path, ANA);
  addCrewMember(db.path, VIC);
});

after(async () => {
  await server.close();
  db.cleanup();
});

test('the demo data has two crews, each working two sites, and every site, job and note carries its crew', async () => {
  const { body } = await gql(
    server.port,
    `{ syncCrews { items { id name crewID crewGroup } } syncSites { items { crewID crewGroup } }
       syncJobs { items { crewID crewGroup } } syncFieldNotes { items { crewID crewGroup } } }`,
  );
  assert.deepEqual(
    (body.data.syncCrews.items as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id)),
    [
      { id: 'north', name: 'North crew', crewID: 'north', crewGroup: 'crew-north' },
      { id: 'south', name: 'South crew', crewID: 'south', crewGroup: 'crew-south' },
    ],
  );
  const crewsOf = (items: { crewID: string; crewGroup: string }[]) => {
    const counts: Record<string, number> = {};
    for (const item of items) {
      assert.equal(item.crewGroup, `crew-${item.crewID}`);
      counts[item.crewID] = (counts[item.crewID] ?? 0) + 1;
    }
    return counts;
  };
  assert.deepEqual(crewsOf(body.data.syncSites.items), { north: 2, south: 2 });
  assert.deepEqual(crewsOf(body.data.syncJobs.items), { north: 6, south: 6 });
  assert.deepEqual(crewsOf(body.data.syncFieldNotes.items), { north: 12, south: 12 });
});

test('an Office admin creates a crew and puts a Crew user in it; their next tokens carry its group', async () => {
  const created = users('crew', 'create', 'East Side');
  assert.equal(created.code, 0, created.out);
  assert.match(created.out, /created crew east-side \(East Side\); its members are in the group crew-east-side/);
  assert.equal(users('crew', 'add', 'east-side', ANA.email).code, 0);

  const listed = users('crews');
  assert.equal(listed.code, 0, listed.out);
  assert.deepEqual(listed.out.split('\n').filter(Boolean), [
    'crew\tname\tgroup\tmembers',
    'east-side\tEast Side\tcrew-east-side\tana@fieldbook.test',
    'north\tNorth crew\tcrew-north\t',
    'south\tSouth crew\tcrew-south\t',
  ]);
  assert.match(users('list').out, /ana@fieldbook\.test\tAna\tCrew crew-east-side\t/);

  const token = await accessTokenOf({ url: server.url.replace(/\/$/, ''), dbPath: db.path }, ANA);
  assert.deepEqual(claimsOf(token)['cognito:groups'], ['Crew', 'crew-east-side']);

  // The command wrote the crew beside the running server: devices get it, and the server's own
  // writes of crews after it take the next places in the change order.
  const { body } = await gql(
    server.port,
    'mutation { createCrew(input: { id: "west", name: "West", crewID: "west", crewGroup: "crew-west" }) { id } }',
  );
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  const crews = await gql(server.port, '{ syncCrews { items { id } } }');
  assert.deepEqual((crews.body.data.syncCrews.items as { id: string }[]).map((crew) => crew.id).sort(), [
    'east-side',
    'north',
    'south',
    'west',
  ]);
});

test('a crew takes Crew and Office users, never a Viewer, at most four crews each; a crew member never becomes a Viewer', () => {
  const viewer = users('crew', 'add', 'north', VIC.email);
  assert.deepEqual(viewer, {
    code: 1,
    out: "vic@fieldbook.test is Viewer: a Viewer works in no crew (a crew's group lets its members write its records)\n",
  });
  const regroup = users('set-group', ANA.email, '--group', 'Viewer');
  assert.equal(regroup.code, 1);
  assert.match(regroup.out, /works in crews; take them out of their crews first/);
  // A foreman: Office, and still in their crew's group; back to Crew they keep the crew.
  assert.equal(users('set-group', ANA.email, '--group', 'Office').code, 0);
  withPoolAdmin(db.path, (admin, pool) => {
    assert.equal(pool.users.byUsername(ANA.email)?.group, 'Office');
    assert.deepEqual(admin.groupsOf(ANA.email), ['crew-east-side']);
  });
  assert.equal(users('set-group', ANA.email, '--group', 'Crew').code, 0);
  assert.equal(users('crew', 'add', 'nowhere', ANA.email).out, 'no crew nowhere\n');
  const long = users('crew', 'create', 'Long', '--id', 'l'.repeat(41));
  assert.deepEqual(long, { code: 1, out: `a crew id has at most 40 characters: ${'l'.repeat(41)}\n` });

  withPoolAdmin(db.path, (admin) => {
    for (const group of ['crew-north', 'crew-south', 'crew-west']) admin.setInCrew(ANA.email, group, true);
    assert.equal(admin.groupsOf(ANA.email).length, MAX_CREWS_PER_PERSON);
    assert.throws(() => admin.setInCrew(ANA.email, 'crew-fifth', true), /already works in 4 crews/);
    admin.setInCrew(ANA.email, 'crew-west', false);
    assert.deepEqual(admin.groupsOf(ANA.email), ['crew-east-side', 'crew-north', 'crew-south']);
  });
});
