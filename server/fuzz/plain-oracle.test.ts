import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Sent, Stored, Strategy } from './oracle.ts';
import { checkPlainReplaced } from './plain-oracle.ts';

// Issue 25's office edit: a device set a job's priority offline, an office system then set it with
// a plain updateJob, and the device's older edit, arriving later, took the field back. The oracle
// must fail that, and accept the same replacement when the device's edit was made after the office's.
const PLAIN = 3;
const OFFICE_AT = 1_796_571_386_900;
const job = { id: 'job-1', siteID: 'site-anchor', title: 'Pumps', status: 'OPEN', priority: 'NORMAL' };
const strategies = new Map<string, Strategy>([['Job', 'LAMBDA']]);
const version = (n: number, priority: string, at: number): Stored => ({
  ...job,
  priority,
  _version: n,
  _lastChangedAt: at,
  _deleted: null,
});
const history = new Map([
  [
    'Job:job-1',
    [version(1, 'NORMAL', OFFICE_AT - 60_000), version(2, 'URGENT', OFFICE_AT), version(3, 'LOW', OFFICE_AT + 5_000)],
  ],
]);
const office: Sent = {
  client: PLAIN,
  field: 'updateJob',
  variables: { input: { id: 'job-1', _version: 1, priority: 'URGENT' } },
  sentAt: OFFICE_AT - 5,
  response: { data: { updateJob: version(2, 'URGENT', OFFICE_AT) } },
};
/** The device's offline edit, based on version 1 and stamped `editedAt`, answered with version 3. */
const device = (editedAt: number): Sent => ({
  client: 0,
  field: 'updateJob',
  variables: {
    input: {
      id: 'job-1',
      _version: 1,
      priority: 'LOW',
      fieldEditedAt: JSON.stringify({ priority: new Date(editedAt).toISOString() }),
    },
  },
  sentAt: OFFICE_AT + 4_990,
  response: { data: { updateJob: version(3, 'LOW', OFFICE_AT + 5_000) } },
});

test('an office value replaced by a device edit made before it is a loss', () => {
  const result = checkPlainReplaced(PLAIN, [office, device(OFFICE_AT - 1_000)], history, strategies);
  assert.equal(result.replaced, 1);
  assert.match(result.errors.join('\n'), /Job:job-1 priority = "URGENT" \(version 2\); version 3 .*"LOW".*client 0/);
});

test('an office value replaced by a device edit made after it is not', () => {
  const result = checkPlainReplaced(PLAIN, [office, device(OFFICE_AT + 1_000)], history, strategies);
  assert.deepEqual(result.errors, []);
  assert.equal(result.replaced, 1);
});

test('a value no write carried is a loss, and a delete ends the check', () => {
  assert.equal(checkPlainReplaced(PLAIN, [office], history, strategies).errors.length, 1);
  const deleted = new Map([
    [
      'Job:job-1',
      [...(history.get('Job:job-1') ?? []).slice(0, 2), { ...version(3, 'URGENT', OFFICE_AT + 5_000), _deleted: true }],
    ],
  ]);
  assert.deepEqual(checkPlainReplaced(PLAIN, [office], deleted, strategies).errors, []);
});

// Seed 1's race: the office set a job's status to DONE and back to ON_HOLD through the plain API
// while a device's edit, made from ON_HOLD a moment before, was on its way. Nothing stored tells
// the handler that the field was touched, so the earlier edit lands: counted apart, not failed, and
// only while no timed write changed the field in between.
const statusVersion = (n: number, status: string, at: number, editedAt?: string): Stored => ({
  ...job,
  status,
  fieldEditedAt: editedAt === undefined ? null : JSON.stringify({ status: editedAt }),
  _version: n,
  _lastChangedAt: at,
  _deleted: null,
});
const plainStatus = (n: number, status: string): Sent => ({
  client: PLAIN,
  field: 'updateJob',
  variables: { input: { id: 'job-1', _version: n - 1, status } },
  sentAt: OFFICE_AT + n,
  response: { data: { updateJob: statusVersion(n, status, OFFICE_AT + n * 100) } },
});
const deviceFromOnHold: Sent = {
  client: 0,
  field: 'updateJob',
  variables: {
    input: {
      id: 'job-1',
      _version: 2,
      status: 'IN_PROGRESS',
      fieldEditedAt: JSON.stringify({ status: new Date(OFFICE_AT).toISOString() }),
    },
  },
  sentAt: OFFICE_AT + 350,
  response: { data: { updateJob: statusVersion(5, 'IN_PROGRESS', OFFICE_AT + 500) } },
};

test('a plain value set back to what an earlier edit started from is counted apart, not failed', () => {
  const versions = [
    statusVersion(1, 'OPEN', OFFICE_AT - 60_000),
    statusVersion(2, 'ON_HOLD', OFFICE_AT - 30_000),
    statusVersion(3, 'DONE', OFFICE_AT + 300),
    statusVersion(4, 'ON_HOLD', OFFICE_AT + 400),
    statusVersion(5, 'IN_PROGRESS', OFFICE_AT + 500),
  ];
  const sent = [plainStatus(3, 'DONE'), plainStatus(4, 'ON_HOLD'), deviceFromOnHold];
  const result = checkPlainReplaced(PLAIN, sent, new Map([['Job:job-1', versions]]), strategies);
  assert.deepEqual(result.errors, []);
  assert.equal(result.unseen, 1);
});

test('the same replacement is a loss once a timed write changed the field in between', () => {
  const versions = [
    statusVersion(1, 'OPEN', OFFICE_AT - 60_000),
    statusVersion(2, 'ON_HOLD', OFFICE_AT - 30_000),
    statusVersion(3, 'DONE', OFFICE_AT + 300, new Date(OFFICE_AT + 300).toISOString()),
    statusVersion(4, 'ON_HOLD', OFFICE_AT + 400, new Date(OFFICE_AT + 300).toISOString()),
    statusVersion(5, 'IN_PROGRESS', OFFICE_AT + 500),
  ];
  const sent = [plainStatus(4, 'ON_HOLD'), deviceFromOnHold];
  const result = checkPlainReplaced(PLAIN, sent, new Map([['Job:job-1', versions]]), strategies);
  assert.equal(result.unseen, 0);
  assert.match(result.errors.join('\n'), /status = "ON_HOLD" \(version 4\); version 5 .*"IN_PROGRESS".*client 0/);
});
