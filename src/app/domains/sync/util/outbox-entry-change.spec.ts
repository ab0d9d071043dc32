import { isRescued, outboxEntryToChange, RESCUED_REASON } from './outbox-entry-change';

describe('outboxEntryToChange', () => {
  it('turns a queued update into a failed change the user can see and resend', () => {
    const change = outboxEntryToChange(
      {
        id: '01J0000000000000000000000A',
        model: 'Job',
        modelId: 'job-1',
        operation: 'Update',
        data: JSON.stringify({ id: 'job-1', title: 'Inspect intake', assignee: 'Mara', _version: 3 }),
      },
      1_000,
    );

    expect(change).toEqual({
      id: 'rescued-01J0000000000000000000000A',
      kind: 'failed',
      model: 'Job',
      recordId: 'job-1',
      operation: 'update',
      mine: { title: 'Inspect intake', assignee: 'Mara' },
      theirs: null,
      reason: RESCUED_REASON,
      at: 1_000,
      label: 'Inspect intake',
    });
    expect(isRescued(change)).toBeTrue();
  });

  it('keeps a damaged entry as a change to the record, with no fields', () => {
    const change = outboxEntryToChange({ id: 'x', model: 'Site', modelId: 's1', operation: 'Delete', data: '{' }, 5);

    expect(change.operation).toBe('delete');
    expect(change.recordId).toBe('s1');
    expect(change.mine).toEqual({});
  });
});
