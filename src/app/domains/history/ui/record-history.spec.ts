import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { ChangeLogEntry } from '../../../../models';
import { type FieldChange, type HistoryEntry, newestFirst, toHistoryEntry } from '../util/history-entry';
import { RecordHistory } from './record-history';

function logged(fields: Partial<ConstructorParameters<typeof ChangeLogEntry>[0]>): HistoryEntry {
  return toHistoryEntry(
    new ChangeLogEntry({
      recordModel: 'Job',
      recordID: 'job-1',
      operation: 'update',
      fields: '{}',
      savedAt: '2026-11-28T10:32:00.000Z',
      ...fields,
    }),
  );
}

describe('RecordHistory', () => {
  const created = logged({
    operation: 'create',
    fields: JSON.stringify({ title: 'Survey spillway', priority: 'NORMAL' }),
    savedAt: '2026-11-28T09:00:00.000Z',
    author: 'Ana',
    device: 'Phone · 7F3K',
  });
  const renamed = logged({
    fields: JSON.stringify({ title: 'Survey weir', priority: 'HIGH' }),
    previous: JSON.stringify({ title: 'Survey spillway', priority: 'NORMAL' }),
    author: 'Ben',
    device: 'Tablet · 19AC',
  });

  it('lists who changed which field from what to what, newest first, on which device', async () => {
    await render(RecordHistory, { inputs: { entries: [created, renamed].sort(newestFirst) } });

    const [newest, oldest] = [...screen.getByRole('list', { name: 'Changes, newest first' }).children];
    expect(newest.textContent).toContain('Ben changed');
    expect(newest.textContent).toContain('Tablet · 19AC');
    expect(newest.textContent).toContain('Title: “Survey spillway” → “Survey weir”');
    expect(newest.textContent).toContain('Priority: “Normal” → “High”');
    expect(oldest.textContent).toContain('Ana created it');
  });

  it('offers each earlier value of an edit back, and nothing to restore for a creation', async () => {
    const restored: FieldChange[] = [];
    await render(RecordHistory, {
      inputs: { entries: [renamed, created] },
      on: { restore: (change: FieldChange) => restored.push(change) },
    });

    expect(screen.getAllByRole('button').length).toBe(2);
    await userEvent.click(screen.getByRole('button', { name: 'Restore title “Survey spillway”' }));

    expect(restored).toEqual([{ field: 'title', from: 'Survey spillway', to: 'Survey weir' }]);
  });

  it('tells a change waiting to sync and one the server refused from a saved one, with nothing refused to restore', async () => {
    const waiting = { ...renamed, id: 'waiting', outcome: 'waiting' } as const;
    const refused = { ...renamed, id: 'refused', outcome: 'refused', notKept: ['title'] } as const;
    await render(RecordHistory, { inputs: { entries: [waiting, refused, renamed] } });

    const [first, second, third] = [...screen.getByRole('list', { name: 'Changes, newest first' }).children];
    expect(first.textContent).toContain('Waiting to sync');
    expect(second.textContent).toContain('Not saved: waiting for your review');
    expect(third.textContent).not.toContain('Not saved');
    expect(third.textContent).not.toContain('Waiting');
    // The refused title never replaced the earlier one; the priority it also set was kept.
    expect(within(second as HTMLElement).queryByRole('button', { name: /^Restore title/ })).toBeNull();
    expect(within(second as HTMLElement).getByRole('button', { name: 'Restore priority “Normal”' })).toBeTruthy();
    expect(within(first as HTMLElement).getByRole('button', { name: 'Restore title “Survey spillway”' })).toBeTruthy();
  });

  it('says when the server holds another value than a change set, with nothing of that field to restore', async () => {
    const overruled = { ...renamed, outcome: 'not-in-force', notKept: ['priority'] } as const;
    await render(RecordHistory, { inputs: { entries: [overruled] } });

    const entry = screen.getByRole('list', { name: 'Changes, newest first' }).children[0] as HTMLElement;
    expect(entry.textContent).toContain('Not in force: the server holds another value');
    expect(within(entry).queryByRole('button', { name: /^Restore priority/ })).toBeNull();
    expect(within(entry).getByRole('button', { name: 'Restore title “Survey spillway”' })).toBeTruthy();
  });

  it('says when the device holds no history yet, and survives an unreadable entry', async () => {
    const { rerender } = await render(RecordHistory, { inputs: { entries: [] } });
    expect(screen.getByText('No changes recorded on this device yet.')).toBeTruthy();

    const unreadable = {
      ...logged({ author: null }),
      changes: toHistoryEntry({ fields: 'not json' } as never).changes,
    };
    await rerender({ inputs: { entries: [unreadable] } });
    expect(screen.getByRole('list', { name: 'Changes, newest first' }).textContent).toContain('Someone changed');
  });
});
