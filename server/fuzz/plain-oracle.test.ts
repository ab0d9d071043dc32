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
