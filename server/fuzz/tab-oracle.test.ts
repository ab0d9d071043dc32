import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { TabCommand } from '../test/shared-tabs.ts';
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';
import { checkTabCommands } from './tab-oracle.ts';

// Fuzz seed 2 on a busy machine: a tab deleted a note while the device still held version 1,
// another device had edited it to version 2 meanwhile, Auto Merge refused the stale delete and the
// device's conflict handler filed the refusal in its review list. The tab had been told "deleted"
// (locally, as offline-first saves are), so the oracle must accept the refusal the user can review,
// and only an entry filed after the delete about that record's delete.
const SHARED = 2;
const DELETED_AT = 1_796_571_386_900;
const note = { id: 'note-2', jobID: 'job-anchor', body: 'note 2', tags: ['t'] };
const history = new Map<string, Stored[]>([
  [
    'FieldNote:note-2',
    [
      { ...note, _version: 1, _lastChangedAt: DELETED_AT - 30_000, _deleted: null },
      { ...note, tags: [], _version: 2, _lastChangedAt: DELETED_AT - 700, _deleted: null },
    ],
  ],
]);
const remote = { ...note, tags: [], _version: 2, _lastChangedAt: DELETED_AT - 700, _deleted: null };
const deleted: TabCommand = {
  requestId: 'delete-note-2',
  slot: 0,
  command: 'delete',
  args: { model: 'FieldNote', id: 'note-2' },
  outcome: 'ack',
  runs: [
    { tabId: 'leader', started: DELETED_AT, ended: DELETED_AT + 300, effect: { id: 'note-2', saved: ['_deleted'] } },
  ],
};
const refusedDelete: Sent = {
  client: SHARED,
  field: 'deleteFieldNote',
  variables: { input: { id: 'note-2', _version: 1 } },
  sentAt: DELETED_AT + 1_500,
  response: { data: { deleteFieldNote: null }, errors: [{ errorType: 'ConflictUnhandled', data: remote }] },
};

type Review = NonNullable<ClientEvents['reviews']>['list'][number];

function check(reviews: readonly Review[]): string[] {
  const events: ClientEvents[] = [
    { hub: [], conflicts: [] },
    { hub: [], conflicts: [] },
    {
      hub: [],
      conflicts: [],
      reviews: { list: [...reviews], filings: reviews.map((entry) => ({ at: entry.at, entry })) },
    },
  ];
  return checkTabCommands(SHARED, [deleted], history, [refusedDelete], events).errors;
}

const review = (id: string, operation: Review['operation'], at: number): Review => ({
  id: `review-${id}-${operation}`,
  kind: 'conflict',
  model: 'FieldNote',
  recordId: id,
  operation,
  mine: {},
  theirs: { ...remote, id },
  reason: 'Another device changed this note first',
  at,
});
const unexplained = [
  'client 2 tab 0 delete FieldNote:note-2: acknowledged, the server still holds it and the device was never told',
];

test('a tab delete the server refused is accepted when the device filed the refusal for review after the delete', () => {
  assert.deepEqual(check([review('note-2', 'delete', DELETED_AT + 2_400)]), []);
});

test('a tab delete the server still holds, with no refusal in the review list, fails the seed', () => {
  assert.deepEqual(check([]), unexplained);
});

test('a refusal from before the delete, or about another note, or of an edit, excuses nothing', () => {
  assert.deepEqual(check([review('note-2', 'delete', DELETED_AT - 1_000)]), unexplained);
  assert.deepEqual(check([review('note-3', 'delete', DELETED_AT + 2_400)]), unexplained);
  assert.deepEqual(check([review('note-2', 'update', DELETED_AT + 2_400)]), unexplained);
});

// The leader tab closes after its edit is in the device store and before the answer: the edit is
// in the outbox, so the next leader must send it; a run closed before it stored anything saved nothing.
const CLOSED_AT = DELETED_AT - 10_000;
const closedEdit = (saved: string[]): TabCommand => ({
  requestId: 'edit-note-2',
  slot: 1,
  command: 'update',
  args: { model: 'FieldNote', id: 'note-2', changes: { body: 'from the closing tab' } },
  outcome: 'closed',
  error: 'tab closed',
  runs: [{ tabId: 'leader', started: CLOSED_AT, ended: CLOSED_AT + 200, effect: { id: 'note-2', saved } }],
});
const none: ClientEvents[] = [0, 1, 2].map(() => ({ hub: [], conflicts: [] }));

test('a tab edit stored before its tab closed must reach the server', () => {
  const result = checkTabCommands(SHARED, [closedEdit(['body'])], history, [], none);
  assert.deepEqual(result.errors, [
    'client 2 tab 1 update FieldNote:note-2: stored before its tab closed body = "from the closing tab", never confirmed by the server',
  ]);
  assert.equal(result.closedStored, 1);
});

test('a tab edit that sync sent and the server took passes, and one whose tab closed before storing it is not checked', () => {
  const sent: Sent = {
    client: SHARED,
    field: 'updateFieldNote',
    variables: { input: { id: 'note-2', _version: 2, body: 'from the closing tab' } },
    sentAt: CLOSED_AT + 5_000,
    response: { data: { updateFieldNote: { ...remote, body: 'from the closing tab', _version: 3 } } },
  };
  assert.deepEqual(checkTabCommands(SHARED, [closedEdit(['body'])], history, [sent], none).errors, []);
  assert.deepEqual(checkTabCommands(SHARED, [closedEdit([])], history, [], none), {
    errors: [],
    acknowledged: 0,
    closedStored: 0,
    reRuns: 0,
    reRunCreates: 0,
  });
});
