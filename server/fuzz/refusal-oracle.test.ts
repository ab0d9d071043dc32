import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Sent } from './oracle.ts';
import { checkRefusals, type Writer } from './refusal-oracle.ts';
import type { ClientEvents } from './server-state.ts';

// Fuzz seed 1 with a crew: the crew's device renamed a site twice, and the server refused both for
// its rights; the review list folds the second into the first entry, newest value on top.
const AT = 1_796_622_995_940;
const WRITERS: Writer[] = [
  { username: 'office-device@fieldbook.test', group: 'Office' },
  { username: 'crew-device@fieldbook.test', group: 'Crew' },
];
const refusal = { data: { updateSite: null }, errors: [{ errorType: 'Unauthorized' }] };
const rename = (name: string, at: number, client = 1, as = WRITERS[client]?.username): Sent => ({
  client,
  field: 'updateSite',
  variables: { input: { id: 'site-1', name, _version: 1 } },
  sentAt: at,
  ...(as ? { as } : {}),
  response: refusal,
});
const entry = (name: string) => ({
  id: 'r1',
  kind: 'failed' as const,
  model: 'Site',
  recordId: 'site-1',
  operation: 'update' as const,
  mine: { name },
  theirs: null,
  reason: 'You may no longer change this site: the server refused it for your account.',
  at: 0,
});
const device = (filings: { at: number; name: string }[], listed: string | null): ClientEvents => ({
  hub: [],
  conflicts: [],
  reviews: {
    filings: filings.map(({ at, name }) => ({ at, entry: entry(name) })),
    list: listed === null ? [] : [entry(listed)],
  },
});
const noDevice: ClientEvents = { hub: [], conflicts: [] };

test('a refused write filed after it was sent, with its values, and still listed passes', () => {
  const sent = [rename('name c1s0', AT), rename('name c1s13', AT + 9_000)];
  const events = [
    noDevice,
    device(
      [
        { at: AT + 800, name: 'name c1s0' },
        { at: AT + 9_100, name: 'name c1s13' },
      ],
      'name c1s13',
    ),
  ];
  assert.deepEqual(checkRefusals(sent, WRITERS, events), { errors: [], refused: 2 });
});

test('a refused write never filed, filed before it was sent, or gone from the list fails the seed', () => {
  const unreported = /client 1 updateSite site-1: refused for permissions and not in that device's review list/;
  const sent = [rename('name c1s0', AT)];
  for (const events of [
    [noDevice, device([], null)],
    [noDevice, device([{ at: AT - 1, name: 'name c1s0' }], 'name c1s0')],
    [noDevice, device([{ at: AT + 800, name: 'name c1s0' }], null)],
    [noDevice, device([{ at: AT + 800, name: 'another name' }], 'another name')],
  ]) {
    assert.match(checkRefusals(sent, WRITERS, events).errors.join('\n'), unreported);
  }
});

test('an Office write refused, or a write sent as someone other than the device’s person, fails the seed', () => {
  const events = [device([{ at: AT + 800, name: 'n' }], 'n'), noDevice];
  assert.match(
    checkRefusals([rename('n', AT, 0)], WRITERS, events).errors.join('\n'),
    /client 0 updateSite site-1: refused for permissions, yet Office may do everything/,
  );
  const asCrew = { ...rename('n', AT, 0, 'crew-device@fieldbook.test'), response: { data: { updateSite: {} } } };
  assert.match(
    checkRefusals([asCrew], WRITERS, events).errors.join('\n'),
    /client 0 updateSite site-1: sent as crew-device@fieldbook.test, but office-device@fieldbook.test is signed in there/,
  );
});

test('a change whose token the server refused must be sent again and answered', () => {
  const expired = { ...rename('n', AT, 0), response: { errors: [{ errorType: 'UnauthorizedException' }] } };
  const answered = { ...rename('n', AT + 2_000, 0), response: { data: { updateSite: { id: 'site-1' } } } };
  const events = [noDevice, noDevice];
  const dropped =
    /client 0 updateSite site-1: its token was refused \(HTTP 401\) and the device never sent the change again/;
  assert.match(checkRefusals([expired], WRITERS, events).errors.join('\n'), dropped);
  assert.match(checkRefusals([expired, { ...expired, sentAt: AT + 1 }], WRITERS, events).errors.join('\n'), dropped);
  assert.deepEqual(checkRefusals([expired, answered], WRITERS, events).errors, []);
});

test('a write answered with its record beside a refused field inside it was taken, not refused', () => {
  // A crew's note on a job the office moved to another crew meanwhile: the note is stored, its `job` kept from them.
  const note: Sent = {
    client: 1,
    field: 'createFieldNote',
    variables: { input: { id: 'note-1', jobID: 'job-3', body: 'Seen' } },
    sentAt: AT,
    as: WRITERS[1]?.username,
    response: {
      data: { createFieldNote: { id: 'note-1', jobID: 'job-3', body: 'Seen', _version: 1 } },
      errors: [{ errorType: 'Unauthorized' }],
    },
  };
  assert.deepEqual(checkRefusals([note], WRITERS, [noDevice, noDevice]), { errors: [], refused: 0 });
});
