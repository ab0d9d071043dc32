import { type ChecklistItem } from '../../../../models';
import {
  addChecklistItem,
  checklistProgress,
  removeChecklistItem,
  renameChecklistItem,
  restoreChecklistItem,
  toggleChecklistItem,
} from './checklist';

const items: ChecklistItem[] = [
  { id: 'a', label: 'Isolate power', done: true, doneAt: '2025-01-01T00:00:00.000Z' },
  { id: 'b', label: 'Open cover', done: false },
  { id: 'c', label: 'Photograph', done: false },
];

describe('checklist', () => {
  it('reports progress, rounding down so an unfinished list never shows 100 %', () => {
    expect(checklistProgress(items)).toEqual({ done: 1, total: 3, percent: 33 });
    expect(checklistProgress([...items.slice(0, 1), ...Array(199).fill(items[1])]).percent).toBe(0);
    expect(checklistProgress(null)).toEqual({ done: 0, total: 0, percent: 0 });
  });

  it('ticks an item with the time and unticks it again', () => {
    const now = new Date('2025-02-02T12:00:00Z');
    const ticked = toggleChecklistItem(items, 'b', now);
    expect(ticked[1]).toEqual({ id: 'b', label: 'Open cover', done: true, doneAt: '2025-02-02T12:00:00.000Z' });
    expect(toggleChecklistItem(ticked, 'b', now)[1]).toEqual({
      id: 'b',
      label: 'Open cover',
      done: false,
      doneAt: null,
    });
    expect(items[1].done).toBeFalse();
  });

  it('adds, renames and removes items, trimming labels', () => {
    const added = addChecklistItem(items, '  Refit cover ', 'd');
    expect(added[3]).toEqual({ id: 'd', label: 'Refit cover', done: false, doneAt: null });
    expect(renameChecklistItem(added, 'd', 'Refit and seal')[3].label).toBe('Refit and seal');
    expect(removeChecklistItem(added, 'a').map((item) => item.id)).toEqual(['b', 'c', 'd']);
  });

  it('refuses blank labels and unknown items with a clear error', () => {
    expect(() => addChecklistItem(items, '   ', 'x')).toThrowError(/needs a label/);
    expect(() => renameChecklistItem(items, 'zzz', 'x')).toThrowError(/not on this job/);
    expect(() => toggleChecklistItem(items, 'zzz', new Date())).toThrowError(/not on this job/);
  });

  it('puts a removed item back where it was, once however often it is undone', () => {
    const removed = removeChecklistItem(items, 'b');
    const restored = restoreChecklistItem(removed, items[1] as ChecklistItem, 1);
    expect(restored.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(restoreChecklistItem(restored, items[1] as ChecklistItem, 1)).toEqual(restored);
    // Items removed meanwhile elsewhere: the position is kept within the list as it is now.
    expect(restoreChecklistItem([], items[2] as ChecklistItem, 2).map((item) => item.id)).toEqual(['c']);
  });
});
