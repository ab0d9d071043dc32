import { changedFields } from './changed-fields';

describe('changedFields', () => {
  it('keeps only the fields whose value differs', () => {
    const current = { title: 'Inspect', assignee: 'Mara', priority: 'LOW' };

    expect(changedFields(current, { title: 'Inspect', assignee: 'Sam', priority: 'LOW' })).toEqual({ assignee: 'Sam' });
  });

  it('treats a missing value and null as the same, so blank form fields do not count as edits', () => {
    const current: { assignee?: string | null; dueDate?: string | null } = {};

    expect(changedFields(current, { assignee: null, dueDate: '2026-12-01' })).toEqual({ dueDate: '2026-12-01' });
  });

  it('compares lists and embedded objects by content', () => {
    const current = { tags: ['pumps'], checklist: [{ id: 'a', done: false }] };

    expect(changedFields(current, { tags: ['pumps'], checklist: [{ id: 'a', done: false }] })).toEqual({});
    expect(changedFields(current, { tags: ['pumps', 'urgent'] })).toEqual({ tags: ['pumps', 'urgent'] });
    expect(changedFields(current, { checklist: [{ id: 'a', done: true }] })).toEqual({
      checklist: [{ id: 'a', done: true }],
    });
  });

  it('reports a value cleared by the user', () => {
    expect(changedFields({ assignee: 'Mara' } as { assignee: string | null }, { assignee: null })).toEqual({
      assignee: null,
    });
  });
});
