import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { TabCommand } from '../test/shared-tabs.ts';
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';
import { checkTabCommands } from './tab-oracle.ts';

// Fuzz seed 2 on a busy machine: a tab deleted a note while the device still held version 1,
// another device had edited it to version 2 meanwhile, Auto Merge refused the stale delete and the
// device's conflict handler was handed the refusal and filed it for review. The tab had been told
// "deleted" (locally, as offline-first saves are), so the oracle must accept the refusal put before
// the user, and only one filed after the delete about that record's delete.
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

/** The device's conflict handler saw `conflicts`, and filed each for review as the app does. */
function check(conflicts: ClientEvents['conflicts']): string[] {
  const filings = conflicts.map(({ model, local, remote: theirs, operation, at }) => ({
    at,
    entry: {
      id: `${String(local['id'])}-${operation}`,
      kind: 'conflict' as const,
      model,
      recordId: String(local['id']),
      operation: operation === 'DELETE' ? ('delete' as const) : ('update' as const),
      mine: {},
      theirs,
      reason: 'You deleted this, but someone else changed it on the server first, so it was not deleted.',
      at,
    },
  }));
  const events: ClientEvents[] = [
    { hub: [], conflicts: [] },
    { hub: [], conflicts: [] },
    { hub: [], conflicts, reviews: { list: filings.map(({ entry }) => entry), filings } },
  ];
  return checkTabCommands(SHARED, [deleted], history, [refusedDelete], events).errors;
}

const conflict = (id: string, operation: string, at: number) => ({
  model: 'FieldNote',
  local: { ...note, id, _version: 1 },
  remote: { ...remote, id },
  operation,
  at,
});
const unexplained = [
  'client 2 tab 0 delete FieldNote:note-2: acknowledged, the server still holds it and the device was never told',
];

test('a tab delete the server refused is accepted when the device was handed the refusal after the delete', () => {
  assert.deepEqual(check([conflict('note-2', 'DELETE', DELETED_AT + 2_400)]), []);
});

test('a tab delete the server still holds, with no refusal put before the device, fails the seed', () => {
  assert.deepEqual(check([]), unexplained);
});

test('a refusal from before the delete, or about another note, or of an edit, excuses nothing', () => {
  assert.deepEqual(check([conflict('note-2', 'DELETE', DELETED_AT - 1_000)]), unexplained);
  assert.deepEqual(check([conflict('note-3', 'DELETE', DELETED_AT + 2_400)]), unexplained);
  assert.deepEqual(check([conflict('note-2', 'UPDATE', DELETED_AT + 2_400)]), unexplained);
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

// Fuzz seed 26: a tab added a checklist item to a job another device was adding one to; the Job
// handler kept both. What the tab's user saved is there: judged against the list the device showed.
test('a tab list edit is confirmed by an answer that keeps what it added beside another device’s item', () => {
  const [mine, theirs] = [
    { id: 'c0', label: 'mine' },
    { id: 'c1', label: 'theirs' },
  ];
  const edit = (base: unknown[] | undefined): TabCommand => ({
    requestId: 'tick-job-1',
    slot: 0,
    command: 'update',
    args: { model: 'Job', id: 'job-1', changes: { checklist: [mine] } },
    outcome: 'ack',
    runs: [
      {
        tabId: 'leader',
        started: CLOSED_AT,
        ended: CLOSED_AT + 100,
        effect: { id: 'job-1', saved: ['checklist'], ...(base ? { base: { checklist: base } } : {}) },
      },
    ],
  });
  const job = { id: 'job-1', title: 'Pumps', _lastChangedAt: CLOSED_AT + 1_000, _deleted: null };
  const jobs = new Map<string, Stored[]>([['Job:job-1', [{ ...job, checklist: [theirs, mine], _version: 2 }]]]);
  const answer: Sent = {
    client: SHARED,
    field: 'updateJob',
    variables: { input: { id: 'job-1', _version: 1, checklist: [mine] } },
    sentAt: CLOSED_AT + 500,
    response: { data: { updateJob: { ...job, checklist: [theirs, mine], _version: 2 } } },
  };
  assert.deepEqual(checkTabCommands(SHARED, [edit([])], jobs, [answer], none).errors, []);
  // A removal the answer undid is not confirmed: the device showed `theirs` and the user removed it.
  assert.equal(checkTabCommands(SHARED, [edit([theirs])], jobs, [answer], none).errors.length, 1);
});
