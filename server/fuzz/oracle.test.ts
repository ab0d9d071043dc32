import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkHistory, type Sent, type Stored, type Strategy } from './oracle.ts';

// Fuzz seed 26: a device set a job IN_PROGRESS, another finished it, and the first set it
// IN_PROGRESS again, a second save with the same fields on a later version. That is two writes;
// the same write re-sent on its old version and applied again is one write applied twice.
const job = { id: 'job-1', siteID: 'site-anchor', title: 'Pumps', priority: 'NORMAL' };
const strategies = new Map<string, Strategy>([['Job', 'LAMBDA']]);
const version = (n: number, status: string): Stored => ({
  ...job,
  status,
  _version: n,
  _lastChangedAt: 1_796_582_457_000 + n,
  _deleted: null,
});
const history = new Map([['Job:job-1', [version(1, 'OPEN'), version(2, 'IN_PROGRESS'), version(3, 'DONE')]]]);
const write = (client: number, status: string, base: number, answer: Stored): Sent => ({
  client,
  field: 'updateJob',
  variables: { input: { id: 'job-1', status, _version: base } },
  sentAt: Number(answer['_lastChangedAt']) - 1,
  response: { data: { updateJob: answer } },
});
const started = write(0, 'IN_PROGRESS', 1, version(2, 'IN_PROGRESS'));
const finished = write(1, 'DONE', 2, version(3, 'DONE'));

function check(last: Sent) {
  const versions = [...(history.get('Job:job-1') ?? []), version(4, 'IN_PROGRESS')];
  return checkHistory({
    history: new Map([['Job:job-1', versions]]),
    seeded: new Set(['Job:job-1']),
    sent: [started, finished, last],
    strategies,
  });
}

test('the same fields saved again on a later version are another write', async () => {
  const { errors } = await check(write(0, 'IN_PROGRESS', 3, version(4, 'IN_PROGRESS')));
  assert.deepEqual(errors, []);
});

test('a write re-sent on its old version and applied again is applied twice', async () => {
  const { errors } = await check(write(0, 'IN_PROGRESS', 1, version(4, 'IN_PROGRESS')));
  assert.match(errors.join('\n'), /Job:job-1 version 4 applies a write that an earlier version already applied/);
});
