import { ChangeLogEntry } from '../../../../models';
import { type HistoryEntry, newestFirst, toHistoryEntry } from './history-entry';
import { markNotInForce } from './not-in-force';

function logged(savedAt: string, operation: string, fields: object, previous: object = {}): HistoryEntry {
  return toHistoryEntry(
    new ChangeLogEntry({
      recordModel: 'Job',
      recordID: 'job-1',
      operation,
      fields: JSON.stringify(fields),
      previous: JSON.stringify(previous),
      savedAt,
    }),
  );
}

const outcomes = (entries: readonly HistoryEntry[]) => entries.map((entry) => [entry.outcome, entry.notKept]);

describe('markNotInForce', () => {
  const created = logged('2026-11-28T08:00:00.000Z', 'create', { title: 'Survey', address: 'Gate A' });
  const office = logged('2026-11-28T09:00:00.000Z', 'update', { address: 'Gate C' }, { address: 'Gate A' });
  const crew = logged('2026-11-28T10:00:00.000Z', 'update', { address: 'Gate B', title: 'Survey weir' }, {});

  it('marks the newest change to a field whose value the record does not hold, and only that field', () => {
    const marked = markNotInForce([created, office, crew].sort(newestFirst), {
      title: 'Survey weir',
      address: 'Gate C',
    });

    expect(outcomes(marked)).toEqual([
      ['not-in-force', ['address']],
      ['saved', undefined],
      ['saved', undefined],
    ]);
  });

  it('leaves every change as saved when the record holds what the newest change to each field set', () => {
    const marked = markNotInForce([created, office, crew].sort(newestFirst), {
      title: 'Survey weir',
      address: 'Gate B',
    });

    expect(marked.map((entry) => entry.outcome)).toEqual(['saved', 'saved', 'saved']);
  });

  it('keeps what this device already knows of its own changes, and judges no older change to that field', () => {
    const waiting = { ...crew, outcome: 'waiting' } as const;
    const marked = markNotInForce([waiting, office, created], { title: 'Survey', address: 'Gate A' });

    expect(outcomes(marked)).toEqual([
      ['waiting', undefined],
      ['saved', undefined],
      ['saved', undefined],
    ]);
  });

  it('does not judge a creation, nor anything of a record not on this device', () => {
    expect(markNotInForce([created], { title: 'Renamed without history' })[0]?.outcome).toBe('saved');
    expect(markNotInForce([crew], null)[0]?.outcome).toBe('saved');
  });

  it('counts a tick as held when the server merged another person’s tick beside it, not when it kept the item open', () => {
    const pump = { id: 'a', label: 'Pump', done: false };
    const valve = { id: 'b', label: 'Valve', done: false };
    const ticked = logged(
      '2026-11-28T11:00:00.000Z',
      'update',
      { checklist: [{ ...pump, done: true }, valve] },
      { checklist: [pump, valve] },
    );

    const merged = markNotInForce([ticked], {
      checklist: [
        { ...pump, done: true },
        { ...valve, done: true },
      ],
    });
    const refused = markNotInForce([ticked], { checklist: [pump, { ...valve, done: true }] });

    expect(merged[0]?.outcome).toBe('saved');
    expect(outcomes(refused)).toEqual([['not-in-force', ['checklist']]]);
  });
});
