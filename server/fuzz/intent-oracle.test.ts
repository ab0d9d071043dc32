import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkIntent, type Save } from './intent-oracle.ts';
import type { Sent, Stored } from './oracle.ts';

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

/** A note client 2 added to job-9 after making it. */
const noteOnJob9 = (body: string): Save => ({
  client: 2,
  model: 'FieldNote',
  id: 'note-9',
  fields: { jobID: 'job-9', body },
  confirmed: true,
  at: AT + 900,
});

// Fuzz seed 99 (200-seed run): a device made a job and a note on it, then deleted the job before
// either left it. DataStore dropped each queued create with its delete; nothing reached the server,
// as the user meant. Deleted by the same device after the note, and never on the server: not lost.
test('a note taken with its job, both deleted on the device before leaving it, is not lost', () => {
  const job: Save = { client: 2, model: 'Job', id: 'job-9', fields: { title: 'job c2s7' }, confirmed: true, at: AT };
  const noteOnIt = noteOnJob9('note c2s8');
  const jobDeleted: Save = { ...job, fields: null, at: AT + 2_400 };
  assert.deepEqual(checkIntent([job, noteOnIt, jobDeleted], new Map(), [], []).errors, []);

  const lost = /client 2 saved FieldNote:note-9 body = "note c2s8": no server version since holds it/;
  // Another device's delete of the job does not excuse it: that is an orphaned note to report.
  const deletedElsewhere = { ...jobDeleted, client: 1 };
  assert.match(checkIntent([job, noteOnIt, deletedElsewhere], new Map(), [], []).errors.join('\n'), lost);
  // A delete before the note does not stand for it.
  const deletedBefore = { ...jobDeleted, at: AT + 100 };
  assert.match(checkIntent([job, deletedBefore, noteOnIt], new Map(), [], []).errors.join('\n'), lost);
  // Nor does one the server did not take: the job is still there.
  const stillThere = new Map([['Job:job-9', [{ id: 'job-9', _version: 1, _lastChangedAt: AT, _deleted: null }]]]);
  assert.match(checkIntent([job, noteOnIt, jobDeleted], stillThere, [], []).errors.join('\n'), lost);
});

// Fuzz seed 113 (200k run): a device made a job offline on a site, then deleted the site, which took
// the job with it (the app's dialog names it: "a job will go"). DataStore dropped the job's queued
// create with its delete and sent the site's delete alone. The user's own delete: not lost.
test('a job taken with its site, deleted on the same device before the job left it, is not lost', () => {
  const job: Save = {
    client: 2,
    model: 'Job',
    id: 'job-9',
    fields: { siteID: 'site-3', title: 'job c2s12' },
    confirmed: true,
    at: AT,
  };
  const siteDeleted: Save = { client: 2, model: 'Site', id: 'site-3', fields: null, confirmed: true, at: AT + 1_700 };
  const site = { id: 'site-3', _version: 3, _lastChangedAt: AT - 5_000, _deleted: null };
  const deleted = new Map([
    ['Site:site-3', [site, { ...site, _version: 4, _lastChangedAt: AT + 3_300, _deleted: true }]],
  ]);
  const deleteSent: Sent = {
    client: 2,
    field: 'deleteSite',
    variables: { input: { id: 'site-3', _version: 3 } },
    sentAt: AT + 3_060,
    response: { data: { deleteSite: { id: 'site-3', _version: 4, _deleted: true } } },
  };
  assert.deepEqual(checkIntent([job, siteDeleted], deleted, [deleteSent], []).errors, []);
  // Acknowledged or not yet heard of, the site's delete is the user's word on the job made on it.
  assert.deepEqual(checkIntent([job, siteDeleted], deleted, [], []).errors, []);
  // So is it for a note on that job, which the site's delete took too.
  assert.deepEqual(checkIntent([job, noteOnJob9('note c2s13'), siteDeleted], deleted, [], []).errors, []);

  const lost = /client 2 saved Job:job-9 title = "job c2s12": no server version since holds it/;
  // Another device's delete of the site does not excuse it: that is an orphaned job to report.
  const elsewhere = { ...siteDeleted, client: 1 };
  assert.match(checkIntent([job, elsewhere], deleted, [{ ...deleteSent, client: 1 }], []).errors.join('\n'), lost);
  // A delete before the job does not stand for it.
  const before = { ...siteDeleted, at: AT - 100 };
  assert.match(checkIntent([before, job], deleted, [], []).errors.join('\n'), lost);
  // Nor does one the server did not take: the site is still there.
  const stillThere = new Map([['Site:site-3', [site]]]);
  assert.match(checkIntent([job, siteDeleted], stillThere, [], []).errors.join('\n'), lost);
});
