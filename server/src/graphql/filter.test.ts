import assert from 'node:assert/strict';
import { test } from 'node:test';

import { matchesFilter } from './filter.ts';

const job = { id: 'j1', title: 'Pump check', status: 'OPEN', tags: ['pumps'], reading: 3, description: null };

test('ModelFilterInput operators and combinators', () => {
  assert.ok(matchesFilter(job, { status: { eq: 'OPEN' }, reading: { between: [1, 3] } }));
  assert.ok(!matchesFilter(job, { status: { ne: 'OPEN' } }));
  assert.ok(matchesFilter(job, { title: { beginsWith: 'Pump' }, tags: { contains: 'pumps' } }));
  assert.ok(matchesFilter(job, { or: [{ status: { eq: 'DONE' } }, { reading: { gt: 2 } }] }));
  assert.ok(!matchesFilter(job, { not: { reading: { ge: 3 } } }));
  assert.ok(matchesFilter(job, { assignee: { attributeExists: false }, description: { attributeExists: true } }));
  assert.ok(!matchesFilter(job, { assignee: { eq: 'Sam' } }));
  assert.ok(matchesFilter(job, { assignee: { ne: 'Sam' } }));
  assert.ok(matchesFilter(job, { status: { in: ['OPEN', 'DONE'] }, title: { size: { gt: 3 } } }));
  assert.ok(!matchesFilter(job, { unknownOperator: { weird: 1 } }));
});
