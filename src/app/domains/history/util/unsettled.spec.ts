import { ChangeLogEntry } from '../../../../models';
import { type HistoryEntry, newestFirst, toHistoryEntry } from './history-entry';
import { markUnsettled, NOTHING_UNSETTLED } from './unsettled';

function logged(savedAt: string, fields: object, previous: object): HistoryEntry {
  return toHistoryEntry(
    new ChangeLogEntry({
      recordModel: 'Site',
      recordID: 'site-1',
      operation: 'update',
      fields: JSON.stringify(fields),
      previous: JSON.stringify(previous),
      savedAt,
    }),
  );
}

describe('markUnsettled', () => {
  const first = logged('2026-11-28T09:00:00.000Z', { address: 'Gate B' }, { address: 'Gate A' });
  const second = logged('2026-11-28T10:00:00.000Z', { address: 'Gate A' }, { address: 'Gate B' });
  const third = logged('2026-11-28T11:00:00.000Z', { address: 'Gate B', notes: 'Dogs' }, { address: 'Gate A' });
  const history = [first, second, third].sort(newestFirst);

  it('leaves every change as saved when nothing waits or was refused', () => {
    expect(markUnsettled(history, NOTHING_UNSETTLED).map((entry) => entry.outcome)).toEqual([
      'saved',
      'saved',
      'saved',
    ]);
  });

  it('marks the newest change that set a refused value, and only its refused fields', () => {
    const marked = markUnsettled(history, { queued: new Set(), notKept: [{ address: 'Gate B' }] });

    expect(marked.map((entry) => [entry.outcome, entry.notKept])).toEqual([
      ['refused', ['address']],
      ['saved', undefined],
      ['saved', undefined],
    ]);
  });

  it('marks a change whose history entry is still queued as waiting to sync', () => {
    const marked = markUnsettled(history, { queued: new Set([third.id]), notKept: [] });

    expect(marked.map((entry) => entry.outcome)).toEqual(['waiting', 'saved', 'saved']);
  });
});
