import { sameValue } from '../../shared/util/changed-fields';
import { type FieldChange, type HistoryEntry } from './history-entry';

/** Entries that changed values a person had: a creation's first values have no earlier state to judge. */
const EDITS = new Set(['update', 'restore']);

/**
 * Another device's edit reaches this one as a history entry even when the server did not keep it
 * (refused for that person's permissions, or lost a conflict that waits in their review). The
 * record as synced here is what the server kept: where the newest entry to set a field names a
 * value the record does not hold, that edit is not in force. Entries already judged from this
 * device's own outbox and review list keep their outcome.
 */
export function markNotInForce(
  newestFirst: readonly HistoryEntry[],
  record: Readonly<Record<string, unknown>> | null,
): HistoryEntry[] {
  if (!record) return [...newestFirst];
  const judged = new Set<string>();
  const notHeld = new Map<string, string[]>();
  for (const entry of newestFirst) {
    for (const change of entry.changes) {
      if (judged.has(change.field)) continue;
      judged.add(change.field);
      if (entry.outcome !== 'saved' || !EDITS.has(entry.operation) || holds(record[change.field], change)) continue;
      notHeld.set(entry.id, [...(notHeld.get(entry.id) ?? []), change.field]);
    }
  }
  return newestFirst.map((entry): HistoryEntry => {
    const fields = notHeld.get(entry.id);
    return fields ? { ...entry, outcome: 'not-in-force', notKept: fields } : entry;
  });
}

/**
 * Whether the record holds what the change did. A list (checklist, tags) is merged entry by entry
 * on the server, so another person's tick kept beside this one still counts: what the change
 * added is there and what it took out is not.
 */
function holds(current: unknown, { from, to }: FieldChange): boolean {
  if (!Array.isArray(to) && !Array.isArray(from)) return sameValue(current, to);
  const before = Array.isArray(from) ? from : [];
  const after = Array.isArray(to) ? to : [];
  const now = Array.isArray(current) ? current : [];
  const within = (list: readonly unknown[], item: unknown) => list.some((each) => sameValue(each, item));
  const added = after.filter((item) => !within(before, item));
  const removed = before.filter((item) => !within(after, item));
  return added.every((item) => within(now, item)) && removed.every((item) => !within(now, item));
}
