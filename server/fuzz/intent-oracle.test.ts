import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkIntent, type Save } from './intent-oracle.ts';
import type { Stored } from './oracle.ts';

// Fuzz seed 11: an office system's plain updateFieldNote on version 1 met a device's edit of the
// same map key; Auto Merge kept the device's gauge and answered the office system with it. The
// office system read that in its answer: refused in its sight, not lost.
const AT = 1_796_594_010_569;
const note = { id: 'note-1', jobID: 'job-1', body: 'note 1', observedAt: '2026-02-01T10:00:00.000Z' };
const version = (n: number, attributes: object, at: number): Stored => ({
  ...note,
  attributes: JSON.stringify(attributes),
  _version: n,
  _lastChangedAt: at,
  _deleted: null,
});
const merged = version(3, { gauge: 'G-c1s0', k0: 0, k1: 4 }, AT + 184);
const history = new Map([
  [
    'FieldNote:note-1',
    [version(1, { gauge: 'G-1' }, AT - 20_000), version(2, { gauge: 'G-c1s0', k0: 0 }, AT + 82), merged],
  ],
]);
const officeSave = (answer?: Stored): Save => ({
  client: 4,
  model: 'FieldNote',
  id: 'note-1',
  fields: { attributes: { gauge: 'G-c4s4', k1: 4 } },
  confirmed: true,
  at: AT,
  ...(answer ? { answer } : {}),
});

test('a plain-API value the server’s answer to that write did not keep was refused in the caller’s sight', () => {
  assert.deepEqual(checkIntent([officeSave(merged)], history, [], []).errors, []);
});

test('a plain-API value lost with no answer to show it, or whose answer held it, fails the seed', () => {
  const lost =
    /client 4 saved FieldNote:note-1 attributes = \{"gauge":"G-c4s4","k1":4\}: no server version since holds it/;
  assert.match(checkIntent([officeSave()], history, [], []).errors.join('\n'), lost);
  const answeredAsSent = version(3, { gauge: 'G-c4s4', k1: 4 }, AT + 184);
  assert.match(checkIntent([officeSave(answeredAsSent)], history, [], []).errors.join('\n'), lost);
});
