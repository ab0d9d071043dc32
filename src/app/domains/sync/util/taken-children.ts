import { type TakenChild } from '../../shared/util/deleted-with';
import { recordLabel } from '../../shared/util/model-names';
import { type ChangeToReview } from './change-to-review';

const NOUNS: Readonly<Record<string, readonly [string, string]>> = {
  FieldNote: ['a note', 'notes'],
  Job: ['a job', 'jobs'],
};

/** "2 notes", "a job and 3 notes": what a delete took, as the user calls it. */
export function countTaken(children: readonly TakenChild[]): string {
  const counts = new Map<string, number>();
  for (const child of children) counts.set(child.model, (counts.get(child.model) ?? 0) + 1);
  const parts = [...counts].map(([model, n]) => {
    const [one, many] = NOUNS[model] ?? ['a record', 'records'];
    return n === 1 ? one : `${n} ${many}`;
  });
  return parts.join(' and ');
}

/**
 * What the review entry of a refused delete says about the children it took: which were the user's
 * own, never sent (nothing but this entry holds them), and that they can be brought back.
 */
export function describeTaken(children: readonly TakenChild[]): string {
  const unsent = children.filter((child) => child.unsent);
  if (unsent.length === children.length) {
    return `${capitalized(countTaken(children))} you added ${children.length === 1 ? 'was' : 'were'} removed with it on this device and never reached the server; ${children.length === 1 ? 'it is' : 'they are'} kept below.`;
  }
  const yours = unsent.length > 0 ? ` (${unsent.length} you added, never sent)` : '';
  return `${capitalized(countTaken(children))}${yours} ${children.length === 1 ? 'was' : 'were'} removed with it on this device; ${children.length === 1 ? 'it is' : 'they are'} kept below.`;
}

/** "2 notes removed with it are back.": what restoring them tells the user. */
export function describeRestored(children: readonly TakenChild[]): string {
  return `${capitalized(countTaken(children))} removed with it ${children.length === 1 ? 'is' : 'are'} back.`;
}

/** An entry with what its delete took noted, its reason saying so. */
export function withTakenChildren(entry: ChangeToReview, children: readonly TakenChild[] | undefined): ChangeToReview {
  if (!children || children.length === 0) return entry;
  return { ...entry, children, reason: `${entry.reason} ${describeTaken(children)}` };
}

/** How a taken child is named in the list: a note by its text, a job by its title. */
export function takenLabel(child: TakenChild): string {
  return recordLabel(child.fields) ?? NOUNS[child.model]?.[0] ?? 'a record';
}

function capitalized(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
