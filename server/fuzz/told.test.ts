import assert from 'node:assert/strict';
import { test } from 'node:test';

import { holdsList, told } from './told.ts';

const item = (id: string, done = false) => ({ id, label: `step ${id}`, done, doneAt: null });

test('a list the user added to holds beside what another device added meanwhile', () => {
  // Fuzz seed 3: one device added c0 to an empty checklist while another added c1; the handler kept both.
  assert.equal(holdsList([item('c1'), item('c0')], [item('c0')], []), true);
  assert.equal(holdsList(['p', 'a', 'b'], ['p', 'a'], ['p']), true);
});

test('an item the user removed that a merge brought back is not what they saved', () => {
  assert.equal(holdsList(['x', 'y'], ['y'], ['x', 'y']), false);
  assert.equal(holdsList([item('c0'), item('c1')], [item('c1')], [item('c0'), item('c1')]), false);
  assert.equal(holdsList([item('c0')], [], [item('c0')]), false);
});

test('an item the user added or changed must be there as they saved it', () => {
  assert.equal(holdsList([item('c0')], [item('c0', true)], [item('c0')]), false);
  assert.equal(holdsList(['p'], ['p', 'a'], ['p']), false);
  assert.equal(holdsList([item('c0', true)], [item('c0', true)], [item('c0')]), true);
});

test('without the list the user started from, the stored list must be exactly theirs', () => {
  assert.equal(holdsList([item('c1'), item('c0')], [item('c0')], undefined), false);
  assert.equal(holdsList([item('c0')], [item('c0')], undefined), true);
});

test('a review entry tells of a removal the merge did not apply when the list it restores holds the removal', () => {
  // Fuzz seed 122: the device emptied a checklist whose item another device had edited meanwhile.
  const saved = { client: 0, model: 'Job', id: 'job-1', name: 'checklist', value: [], at: 100, base: [item('c0')] };
  const told_ = (mine: unknown[]) => {
    const entry = {
      id: 'e',
      kind: 'replaced' as const,
      model: 'Job',
      recordId: 'job-1',
      operation: 'update' as const,
      mine: { checklist: mine },
      theirs: null,
      reason: '',
      at: 101,
    };
    const reviews = { list: [entry], filings: [{ at: 101, entry }] };
    return told(saved, [{ hub: [], conflicts: [], reviews }]);
  };
  assert.equal(told_([]), true);
  assert.equal(told_([item('c9')]), true, 'an item another device added stays beside the removal');
  assert.equal(told_([{ ...item('c0'), label: 'renamed' }]), false, 'the removed item is still in what it restores');
  assert.equal(told({ ...saved, base: undefined }, []), false);
});

test('a value is told when a refused delete of its parent names the record with it, still listed', () => {
  const saved = { client: 0, model: 'FieldNote', id: 'n1', name: 'body', value: 'gasket', at: 100 };
  const child = { model: 'FieldNote', id: 'n1', fields: { jobID: 'j1', body: 'gasket' }, unsent: true };
  const entry = {
    id: 'e1',
    kind: 'failed' as const,
    model: 'Job',
    recordId: 'j1',
    operation: 'delete' as const,
    mine: { title: 'Valve' },
    theirs: null,
    reason: '',
    at: 200,
    children: [child],
  };
  const events = (list: (typeof entry)[], at = 200) => [
    { hub: [], conflicts: [], reviews: { list, filings: [{ at, entry }] } },
  ];
  assert.equal(told(saved, events([entry])), true);
  assert.equal(told(saved, events([])), false, 'the entry was settled');
  assert.equal(told(saved, events([entry], 50)), false, 'filed before the save');
  assert.equal(told({ ...saved, value: 'other' }, events([entry])), false, 'another value');
  assert.equal(told(saved, events([{ ...entry, children: [] }])), false, 'the delete took nothing');
});
