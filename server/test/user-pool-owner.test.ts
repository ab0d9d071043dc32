import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

import { transformSdl } from '../../scripts/transform.ts';
import type { RunningServer } from '../src/server.ts';
import { CREW_AUTH_MODES, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY } from './crew-schema.ts';
import { API_KEY, startTestServer, tempDbPath } from './harness.ts';
import { OWNER_SCHEMA } from './owner-schema.ts';
import { openRealtimeSocket } from './realtime-socket.ts';
import { configureAuth, confirmInvitation } from './user-pool-client.ts';

// Notes belong to their author (`allow: owner`), the Office reads and changes all of them, a Viewer
// reads them: each user signs in with Amplify's own client and uses the access token it got.
const db = tempDbPath();
let server: RunningServer;
const tokens: Record<string, string> = {};
const sub: Record<string, string> = {};

async function graphql(who: string, query: string, variables: Record<string, unknown> = {}) {
  const credentials: Record<string, string> =
    who === 'key' ? { 'x-api-key': API_KEY } : { authorization: tokens[who]! };
  const response = await fetch(`${server.url}graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await response.json()) as any;
}

const NOTE = 'id text owner _version _deleted';
const CREATE = `mutation($input: CreateNoteInput!) { createNote(input: $input) { ${NOTE} } }`;
const UPDATE = `mutation($input: UpdateNoteInput!) { updateNote(input: $input) { ${NOTE} } }`;
const DELETE = `mutation($input: DeleteNoteInput!) { deleteNote(input: $input) { ${NOTE} } }`;
const GET = `query($id: ID!) { getNote(id: $id) { ${NOTE} } }`;
const SYNC = `{ syncNotes(limit: 100) { items { ${NOTE} } } }`;
const texts = (answer: { data: { syncNotes: { items: { text: string }[] } } }) =>
  answer.data.syncNotes.items.map((note) => note.text).sort();

/** A real-time socket of `who`, with its subscriptions' data and errors in arrival order. */
const socketOf = (who: string) => openRealtimeSocket(server.port, tokens[who]!);

before(async () => {
  server = await startTestServer(db.path, {
    schemaSdl: transformSdl(OWNER_SCHEMA, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY as never),
    sourceSdl: OWNER_SCHEMA,
    conflicts: CREW_SCHEMA_CONFLICTS,
    authModes: CREW_AUTH_MODES,
    seed: 'none',
  });
  await configureAuth(server.url);
  for (const [who, group] of [
    ['ana', 'Crew'],
    ['ben', 'Crew'],
    ['office', 'Office'],
    ['viewer', 'Viewer'],
  ] as const) {
    await confirmInvitation(db.path, `${who}@fieldbook.test`, `${who}-password-1`, group);
    await signIn({ username: `${who}@fieldbook.test`, password: `${who}-password-1` });
    const session = await fetchAuthSession();
    tokens[who] = session.tokens?.accessToken.toString() ?? '';
    sub[who] = session.userSub ?? '';
    await signOut();
  }
});
after(async () => {
  await server.close();
  db.cleanup();
});

describe('records that belong to their author (owner rules)', () => {
  let anaNote = '';

  it('stores the author as the owner and shows the username, to the author and to the Office', async () => {
    const created = await graphql('ana', CREATE, { input: { text: 'Valve seized' } });
    assert.equal(created.errors, undefined);
    anaNote = created.data.createNote.id;
    assert.equal(created.data.createNote.owner, 'ana@fieldbook.test');
    await graphql('ben', CREATE, { input: { text: 'Gauge cracked' } });
    const office = await graphql('office', SYNC);
    assert.deepEqual(office.data.syncNotes.items.map((note: { owner: string }) => note.owner).sort(), [
      'ana@fieldbook.test',
      'ben@fieldbook.test',
    ]);
    // Stored as the resolvers store it: a conflict answers with the stored item, as AppSync's does
    // (under Auto Merge a stale delete is sent back).
    const stale = await graphql('ana', DELETE, { input: { id: anaNote, _version: 0 } });
    assert.equal(stale.errors[0].errorType, 'ConflictUnhandled');
    assert.equal(stale.errors[0].data.owner, `${sub['ana']}::ana@fieldbook.test`);
  });

  it("lets each crew member read only their own notes, and refuses another's by id", async () => {
    assert.deepEqual(texts(await graphql('ana', SYNC)), ['Valve seized']);
    assert.deepEqual(texts(await graphql('ben', SYNC)), ['Gauge cracked']);
    assert.deepEqual(texts(await graphql('viewer', SYNC)), ['Gauge cracked', 'Valve seized']);
    const refused = await graphql('ben', GET, { id: anaNote });
    assert.equal(refused.errors[0].errorType, 'Unauthorized');
    assert.equal(refused.errors[0].message, 'Not Authorized to access getNote on type Query');
    assert.equal((await graphql('ben', GET, { id: 'no-such-note' })).data.getNote, null);
    assert.equal((await graphql('key', SYNC)).errors[0].errorType, 'Unauthorized', 'notes are not public');
  });

  it("refuses changes to another's note, and changes nothing", async () => {
    const refusals = [
      await graphql('ben', UPDATE, { input: { id: anaNote, text: 'Not yours', _version: 1 } }),
      await graphql('ben', DELETE, { input: { id: anaNote, _version: 1 } }),
      await graphql('viewer', UPDATE, { input: { id: anaNote, text: 'Viewers read', _version: 1 } }),
    ];
    for (const answer of refusals) {
      assert.equal(answer.errors[0].errorType, 'Unauthorized');
      assert.match(answer.errors[0].message, /^Not Authorized to access (updateNote|deleteNote) on type Mutation$/);
    }
    const note = await graphql('ana', GET, { id: anaNote });
    assert.deepEqual([note.data.getNote.text, note.data.getNote._version], ['Valve seized', 1]);
  });

  it('lets the author and the Office change and delete the note', async () => {
    const edited = await graphql('ana', UPDATE, { input: { id: anaNote, text: 'Valve freed', _version: 1 } });
    assert.equal(edited.data.updateNote.text, 'Valve freed');
    const byOffice = await graphql('office', UPDATE, { input: { id: anaNote, text: null, _version: 2 } });
    assert.equal(byOffice.errors, undefined);
    const deleted = await graphql('ana', DELETE, { input: { id: anaNote, _version: 3 } });
    assert.equal(deleted.data.deleteNote._deleted, true);
  });

  it("sends each subscriber only their own notes' events, and refuses an owner argument naming another", async () => {
    const ben = await socketOf('ben');
    const office = await socketOf('office');
    try {
      const refused = await ben.start('theirs', 'subscription($owner: String) { onCreateNote(owner: $owner) { id } }', {
        owner: 'ana@fieldbook.test',
      });
      assert.equal(refused.type, 'error');
      assert.equal(refused.payload.errors[0].errorType, 'Unauthorized');
      const query = `subscription($owner: String) { onCreateNote(owner: $owner) { ${NOTE} } }`;
      assert.equal((await ben.start('own', query, { owner: 'ben@fieldbook.test' })).type, 'start_ack');
      assert.equal((await ben.start('unnamed', query)).type, 'start_ack');
      assert.equal((await office.start('all', query)).type, 'start_ack');

      await graphql('ana', CREATE, { input: { text: 'Pump noisy' } });
      await graphql('ben', CREATE, { input: { text: 'Pump quiet' } });

      // Events leave in commit order: ben's first event being his own shows ana's never came.
      for (const id of ['own', 'unnamed']) {
        const event = await ben.data(id);
        assert.equal(event.payload.data.onCreateNote.text, 'Pump quiet', id);
        assert.equal(event.payload.data.onCreateNote.owner, 'ben@fieldbook.test');
      }
      assert.equal((await office.data('all')).payload.data.onCreateNote.text, 'Pump noisy');
      assert.equal((await office.data('all')).payload.data.onCreateNote.text, 'Pump quiet');
    } finally {
      ben.close();
      office.close();
    }
  });
});
