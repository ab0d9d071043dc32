import { type ChangeToReview } from './change-to-review';

/**
 * The review list with `entry` filed: folded into an open entry for the same record so the user
 * decides once, or added.
 */
export function fileForReview(list: readonly ChangeToReview[], entry: ChangeToReview): readonly ChangeToReview[] {
  const existing = list.find((r) => r.model === entry.model && r.recordId === entry.recordId);
  const merged = existing
    ? {
        ...entry,
        id: existing.id,
        mine: { ...existing.mine, ...entry.mine },
        theirs: entry.theirs ?? existing.theirs,
      }
    : entry;
  return [...list.filter((r) => r !== existing), merged];
}
