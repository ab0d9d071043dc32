import { sameValue } from '../../shared/util/changed-fields';
import { lastChangeTimes } from '../../shared/util/edit-times';
import { fieldLabel, formatValue } from '../../shared/util/format-field';
import { type SentEdit } from '../../shared/util/sent-edit';
import { type FieldValues } from './change-to-review';
import { listOutcome, type RemovalKept } from './list-outcome';

/** A field whose saved value the server's answer does not hold. */
export interface ReplacedValue {
  readonly field: string;
  readonly mine: unknown;
  readonly theirs: unknown;
  /** When the value that replaced it was saved (ISO), when the record says. */
  readonly theirsSavedAt: string | null;
  /** For a list: the items the user removed that the server's list still holds. */
  readonly removalsKept?: readonly RemovalKept[];
  /** For a list: whether an item the user added or changed is not in it as they saved it. */
  readonly editsLost?: boolean;
}

/**
 * The fields of what the user saved that the server's merged record did not keep. A list keeps
 * the user's edit when every item they added or changed is in it as they saved it (tags are
 * unioned, checklist items merged) and none they removed is; for a list that did not, `mine` is
 * the server's list with their edit applied again, so restoring it undoes no other device's edit.
 */
export function replacedValues(sent: SentEdit, server: FieldValues): readonly ReplacedValue[] {
  const times = lastChangeTimes(server);
  return Object.entries(sent.fields).flatMap(([field, { value, base }]) => {
    const theirs = server[field] ?? null;
    const replaced = { field, mine: value, theirs, theirsSavedAt: times[field] ?? null };
    if (!Array.isArray(value) || !(Array.isArray(theirs) || theirs === null)) {
      return sameValue(value, theirs) ? [] : [replaced];
    }
    const { removalsKept, editsLost, restored } = listOutcome(value, base, theirs);
    if (removalsKept.length === 0 && editsLost.length === 0) return [];
    return [{ ...replaced, mine: restored, removalsKept, editsLost: editsLost.length > 0 }];
  });
}

/** "Your priority “Low” was replaced by “Urgent”, saved 10:32 on another device." */
export function describeReplaced(values: readonly ReplacedValue[], formatTime: (iso: string) => string): string {
  return values
    .flatMap(({ field, mine, theirs, theirsSavedAt, removalsKept = [], editsLost = true }) => {
      const when = theirsSavedAt ? `, saved ${formatTime(theirsSavedAt)}` : '';
      const name = fieldLabel(field).toLowerCase();
      const was = field === 'tags' ? 'were' : 'was';
      const replaced = `Your ${name} “${formatValue(mine, field)}” ${was} replaced by “${formatValue(theirs, field)}”${when} on another device.`;
      return [...removalsKept.map((kept) => describeRemovalKept(field, kept)), ...(editsLost ? [replaced] : [])];
    })
    .join(' ');
}

/**
 * "Your removal of “Shut valve” from the checklist was not applied: it was edited on another device
 * (now “☐ Shut both valves”)." An item the merge kept unchanged came back with another device's
 * change of the list (a union keeps both sides' items).
 */
function describeRemovalKept(field: string, { removed, now }: RemovalKept): string {
  const name = fieldLabel(field).toLowerCase();
  const why = sameValue(removed, now)
    ? 'another device’s change kept it'
    : `it was edited on another device (now “${formatValue([now], field)}”)`;
  return `Your removal of “${itemName(removed, field)}” from the ${name} was not applied: ${why}.`;
}

function itemName(item: unknown, field: string): string {
  const label = typeof item === 'object' && item !== null ? (item as { label?: unknown }).label : undefined;
  return typeof label === 'string' ? label : formatValue([item], field);
}
