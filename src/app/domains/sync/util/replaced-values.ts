import { sameValue } from '../../shared/util/changed-fields';
import { lastChangeTimes } from '../../shared/util/edit-times';
import { fieldLabel, formatValue } from '../../shared/util/format-field';
import { type SentEdit } from '../../shared/util/sent-edit';
import { type FieldValues } from './change-to-review';

/** A field whose saved value the server's answer does not hold. */
export interface ReplacedValue {
  readonly field: string;
  readonly mine: unknown;
  readonly theirs: unknown;
  /** When the value that replaced it was saved (ISO), when the record says. */
  readonly theirsSavedAt: string | null;
}

/**
 * The fields of what the user saved that the server's merged record did not keep. A list keeps
 * the user's edit when every item they saved is in it (tags are unioned, checklist items merged)
 * and none they removed is.
 */
export function replacedValues(sent: SentEdit, server: FieldValues): readonly ReplacedValue[] {
  const times = lastChangeTimes(server);
  return Object.entries(sent.fields)
    .filter(([field, { value, base }]) => !kept(value, server[field], base))
    .map(([field, { value }]) => ({
      field,
      mine: value,
      theirs: server[field] ?? null,
      theirsSavedAt: times[field] ?? null,
    }));
}

/** "Your priority “Low” was replaced by “Urgent”, saved 10:32 on another device." */
export function describeReplaced(values: readonly ReplacedValue[], formatTime: (iso: string) => string): string {
  return values
    .map(({ field, mine, theirs, theirsSavedAt }) => {
      const when = theirsSavedAt ? `, saved ${formatTime(theirsSavedAt)}` : '';
      const name = fieldLabel(field).toLowerCase();
      const was = field === 'tags' ? 'were' : 'was';
      return `Your ${name} “${formatValue(mine, field)}” ${was} replaced by “${formatValue(theirs, field)}”${when} on another device.`;
    })
    .join(' ');
}

/**
 * A list is kept when every item the user saved is in it and no item they removed (in the list
 * before their save, not after) came back: a merge that unions lists would otherwise undo a removal.
 */
function kept(mine: unknown, theirs: unknown, base: unknown): boolean {
  if (Array.isArray(mine) && (Array.isArray(theirs) || theirs == null)) {
    const server = Array.isArray(theirs) ? theirs : [];
    const has = (list: readonly unknown[], item: unknown) => list.some((candidate) => sameValue(item, candidate));
    const removed = Array.isArray(base) ? base.filter((item) => !has(mine, item)) : [];
    return mine.every((item) => has(server, item)) && !removed.some((item) => has(server, item));
  }
  return sameValue(mine, theirs);
}
