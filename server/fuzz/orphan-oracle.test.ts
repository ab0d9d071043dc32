import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Sent, Stored } from './oracle.ts';
import { checkOrphans, type OrphanReport } from './orphan-oracle.ts';
import type { ClientEvents } from './server-state.ts';

// Fuzz seed 192 (200k run): the crew member (client 1) added a note to a job of their second crew,
// then the office took them out of that crew and their phone let its records go; the office then
// deleted the job. Every office device held the note when it saw the delete and filed it for review.
const AT = 1_796_674_254_864;
const noteId = 'note-c1s6';
const scope = { crewID: 'fuzz2', crewGroup: 'crew-fuzz2' };
const job = { id: 'job-4', siteID: 'site-3', title: 'Cables', ...scope, _lastChangedAt: AT - 7_000, _deleted: null };
const note = { id: noteId, jobID: 'job-4', body: 'note c1s6', ...scope, _version: 1, _lastChangedAt: AT + 100 };
const history = new Map<string, Stored[]>([
  [
    'Job:job-4',
    [
      { ...job, _version: 1 },
      { ...job, _version: 2, _lastChangedAt: AT + 1_600, _deleted: true },
    ],
  ],
  [`FieldNote:${noteId}`, [{ ...note, _deleted: null }]],
]);
const created = (client: number): Sent => ({
  client,
  field: 'createFieldNote',
  variables: { input: { id: noteId, jobID: 'job-4', body: 'note c1s6', ...scope } },
  sentAt: AT,
  response: { data: { createFieldNote: { ...note, _deleted: null } } },
});
const filed: OrphanReport[] = [{ jobId: 'job-4', noteIds: [noteId] }];
const events: ClientEvents[] = [0, 1, 2].map(() => ({ hub: [], conflicts: [] }));
const lost = /FieldNote:note-c1s6 is kept on deleted job job-4, and no device that added it \(1\) was told/;
const errors = (sent: Sent[], reports: OrphanReport[][], crewGroups: string[]) =>
  checkOrphans(history, sent, reports, events, { client: 1, crewGroups }).errors.join('\n');

test('a note that left its author’s crew before its job was deleted is told to those who hold it', () => {
  assert.deepEqual(errors([created(1)], [filed, [], filed], ['crew-fuzz']), '');
});

test('a note on a deleted job its author may still reach, or that nobody was told of, is lost', () => {
  // Still in the note's crew: the author's own device must have put it before them.
  assert.match(errors([created(1)], [filed, [], filed], ['crew-fuzz', 'crew-fuzz2']), lost);
  // Out of the crew, and no device told its user: lost in the dark.
  assert.match(errors([created(1)], [[], [], []], ['crew-fuzz']), lost);
  // An office device's note is always in its reach, whatever the crew member's crews.
  const officeLost = /FieldNote:note-c1s6 is kept on deleted job job-4, and no device that added it \(2\) was told/;
  assert.match(errors([created(2)], [filed, [], []], ['crew-fuzz']), officeLost);
});
