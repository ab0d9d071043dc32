import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { type Filter, matchesFilter } from './filter.ts';

const job = { id: 'j1', title: 'Pump check', status: 'OPEN', tags: ['pumps'], reading: 3, description: null };

const cases: [label: string, filter: Filter, matches: boolean][] = [
  ['eq, and between with its upper bound included', { status: { eq: 'OPEN' }, reading: { between: [1, 3] } }, true],
  ['ne on an equal value', { status: { ne: 'OPEN' } }, false],
  ['beginsWith on a string, contains on a list', { title: { beginsWith: 'Pump' }, tags: { contains: 'pumps' } }, true],
  ['or with one branch that holds', { or: [{ status: { eq: 'DONE' } }, { reading: { gt: 2 } }] }, true],
  ['not of a condition that holds', { not: { reading: { ge: 3 } } }, false],
  [
    'attributeExists: false for a missing field, true for a null one',
    { assignee: { attributeExists: false }, description: { attributeExists: true } },
    true,
  ],
  ['eq on a missing field', { assignee: { eq: 'Sam' } }, false],
  ['ne on a missing field', { assignee: { ne: 'Sam' } }, true],
  ['in, and size of a string', { status: { in: ['OPEN', 'DONE'] }, title: { size: { gt: 3 } } }, true],
  ['an unknown operator', { unknownOperator: { weird: 1 } }, false],
];

describe('ModelFilterInput operators and combinators', () => {
  for (const [label, filter, matches] of cases) {
    test(`${label}: ${matches ? 'matches' : 'does not match'}`, () => {
      assert.equal(matchesFilter(job, filter), matches, JSON.stringify(filter));
    });
  }
});
