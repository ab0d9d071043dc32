import { sameValue } from './changed-fields';

/** What changed on the stored record while a form was open, judged against the form's base. */
export interface Rebase<T> {
  /** Changed elsewhere, untouched in the form: the form takes the new value. */
  readonly taken: readonly (keyof T & string)[];
  /** Changed elsewhere and in the form, to different values: the user's to decide. */
  readonly clashes: readonly (keyof T & string)[];
}

/**
 * Compares a record as the form first showed it (`base`), as it is stored now (`latest`) and as
 * the user has it in the form (`mine`). Fields changed to the same value in both count as neither.
 */
export function rebase<T extends object>(base: T, latest: T, mine: T): Rebase<T> {
  const taken: (keyof T & string)[] = [];
  const clashes: (keyof T & string)[] = [];
  for (const field of Object.keys(latest) as (keyof T & string)[]) {
    if (sameValue(base[field], latest[field])) continue;
    if (sameValue(base[field], mine[field])) taken.push(field);
    else if (!sameValue(mine[field], latest[field])) clashes.push(field);
  }
  return { taken, clashes };
}
