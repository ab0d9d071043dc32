import { sameValue } from '../../shared/util/changed-fields';
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
  const [earlier, later] = existing ? [changedByUser(existing), changedByUser(entry)] : [{}, {}];
  const merged = existing
    ? {
        ...entry,
        id: existing.id,
        mine: { ...existing.mine, ...later },
        theirs: entry.theirs ?? existing.theirs,
        ...takenByBoth(existing, entry),
        changed: [...new Set([...Object.keys(earlier), ...Object.keys(later)])],
      }
    : entry;
  return [...list.filter((r) => r !== existing), merged];
}

/**
 * The fields of an entry that hold the user's own values. A conflict's `mine` is the whole record
 * as the device had it, where a field the user did not change holds the server's value (after an
 * earlier discard, the device took the server's copy): folded over an open entry, it would
 * overwrite a value the user lost earlier with the one that replaced it. An edit of a record
 * deleted on the server names its fields itself: its server copy is gone or unknown, and its
 * other fields hold what the device had, which may be the value an earlier entry's server kept.
 */
function changedByUser(entry: ChangeToReview): Record<string, unknown> {
  const { theirs, changed } = entry;
  if (changed) return Object.fromEntries(Object.entries(entry.mine).filter(([field]) => changed.includes(field)));
  if (!theirs) return { ...entry.mine };
  return Object.fromEntries(
    Object.entries(entry.mine).filter(([field, value]) => !(field in theirs) || !sameValue(value, theirs[field])),
  );
}

/** The children both entries' deletes took, each once (a delete made again takes what came back). */
function takenByBoth(existing: ChangeToReview, entry: ChangeToReview): Pick<ChangeToReview, 'children'> {
  const both = [...(existing.children ?? []), ...(entry.children ?? [])];
  const children = both.filter((child, index) => both.findIndex((other) => other.id === child.id) === index);
  return children.length > 0 ? { children } : {};
}
