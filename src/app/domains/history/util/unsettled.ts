import { sameValue } from '../../shared/util/changed-fields';
import { type HistoryEntry } from './history-entry';

/** What this device knows of its own changes to one record that the server has not kept, or not yet. */
export interface UnsettledChanges {
  /** History entries still queued on this device: the change each describes has not reached the server. */
  readonly queued: ReadonlySet<string>;
  /** Values saved here that the server did not keep (each as field → value), waiting for the user's review. */
  readonly notKept: readonly Readonly<Record<string, unknown>>[];
}

export const NOTHING_UNSETTLED: UnsettledChanges = { queued: new Set(), notKept: [] };

/**
 * History says what the server kept: an entry whose change was refused, or not sent yet, says so.
 * A value not kept belongs to the newest entry that set it (an earlier entry that set the same
 * value was kept, or it would be the one under review).
 */
export function markUnsettled(newestFirst: readonly HistoryEntry[], unsettled: UnsettledChanges): HistoryEntry[] {
  const refused = new Map<string, Set<string>>();
  for (const values of unsettled.notKept) {
    for (const [field, value] of Object.entries(values)) {
      const entry = newestFirst.find(
        (each) =>
          each.operation !== 'delete' &&
          each.changes.some((change) => change.field === field && sameValue(change.to, value)),
      );
      if (entry) refused.set(entry.id, new Set([...(refused.get(entry.id) ?? []), field]));
    }
  }
  return newestFirst.map((entry): HistoryEntry => {
    const fields = refused.get(entry.id);
    if (fields) return { ...entry, outcome: 'refused', notKept: [...fields] };
    return unsettled.queued.has(entry.id) ? { ...entry, outcome: 'waiting' } : entry;
  });
}
