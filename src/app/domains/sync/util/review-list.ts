import { type ChangeToReview } from './change-to-review';

/**
 * The review list with `entry` filed: folded into an open entry for the same record that offers
 * the same choice (same kind and operation) so the user decides once, else added beside it. An
 * entry of another kind keeps its own choice: a conflict's Keep mine / Take server's would become
 * a "replaced" entry's Restore mine, and a refused delete's choice would be lost.
 */
export function fileForReview(list: readonly ChangeToReview[], entry: ChangeToReview): readonly ChangeToReview[] {
  const existing = list.find(
    (r) =>
      r.model === entry.model &&
      r.recordId === entry.recordId &&
      r.kind === entry.kind &&
      r.operation === entry.operation,
  );
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
