import { type ChecklistItem } from '../../../../models';

export interface ChecklistProgress {
  readonly done: number;
  readonly total: number;
  /** 0 to 100, rounded down so a list is never shown as complete before it is. */
  readonly percent: number;
}

export function checklistProgress(checklist: readonly ChecklistItem[] | null | undefined): ChecklistProgress {
  const items = checklist ?? [];
  const done = items.filter((item) => item.done).length;
  return { done, total: items.length, percent: items.length ? Math.floor((done / items.length) * 100) : 0 };
}

/** Ticks or unticks one item; `doneAt` records when it was ticked so a reviewer can see the order of work. */
export function toggleChecklistItem(checklist: readonly ChecklistItem[], itemId: string, now: Date): ChecklistItem[] {
  const item = checklist.find((candidate) => candidate.id === itemId);
  return setChecklistItemDone(checklist, itemId, !item?.done, now);
}

/** Sets one item's state; setting it again changes nothing, so a repeated save is harmless. */
export function setChecklistItemDone(
  checklist: readonly ChecklistItem[],
  itemId: string,
  done: boolean,
  now: Date,
): ChecklistItem[] {
  requireItem(checklist, itemId);
  return checklist.map((item) =>
    item.id === itemId && Boolean(item.done) !== done
      ? { ...item, done, doneAt: done ? now.toISOString() : null }
      : item,
  );
}

/** Adds an item under the given id, unless one with that id is already there. */
export function addChecklistItem(checklist: readonly ChecklistItem[], label: string, id: string): ChecklistItem[] {
  const trimmed = requireLabel(label);
  if (checklist.some((item) => item.id === id)) return [...checklist];
  return [...checklist, { id, label: trimmed, done: false, doneAt: null }];
}

export function renameChecklistItem(
  checklist: readonly ChecklistItem[],
  itemId: string,
  label: string,
): ChecklistItem[] {
  requireItem(checklist, itemId);
  const trimmed = requireLabel(label);
  return checklist.map((item) => (item.id === itemId ? { ...item, label: trimmed } : item));
}

/**
 * Puts a removed item back where it was (its position among the items still there), unless an item
 * with its id is already there: undoing twice adds it once.
 */
export function restoreChecklistItem(
  checklist: readonly ChecklistItem[],
  item: ChecklistItem,
  position: number,
): ChecklistItem[] {
  if (checklist.some((each) => each.id === item.id)) return [...checklist];
  const at = Math.max(0, Math.min(position, checklist.length));
  return [...checklist.slice(0, at), item, ...checklist.slice(at)];
}

/** Removes an item; one that is gone already stays gone. */
export function removeChecklistItem(checklist: readonly ChecklistItem[], itemId: string): ChecklistItem[] {
  return checklist.filter((item) => item.id !== itemId);
}

function requireItem(checklist: readonly ChecklistItem[], itemId: string): void {
  if (!checklist.some((item) => item.id === itemId)) throw new Error(`Checklist item ${itemId} is not on this job`);
}

function requireLabel(label: string): string {
  const trimmed = label.trim();
  if (!trimmed) throw new Error('A checklist item needs a label');
  return trimmed;
}
