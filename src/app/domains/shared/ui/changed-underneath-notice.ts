import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

import { rebase } from '../util/form-rebase';

/** One field another tab or device changed while an edit form was open. */
export interface ChangedUnderneath {
  readonly field: string;
  readonly label: string;
  readonly theirs: string;
  readonly mine: string;
  /** The user changed it too: the form keeps theirs until they choose. */
  readonly clash: boolean;
}

/** Above an edit form: what changed on the stored record meanwhile, and the choice for fields both changed. */
@Component({
  selector: 'fb-changed-underneath-notice',
  template: `
    @if (changes().length > 0) {
      <section class="changed-underneath" aria-labelledby="changed-underneath" role="status">
        <h2 id="changed-underneath">Changed on another device while you were editing</h2>
        <ul>
          @for (change of changes(); track change.field) {
            <li>
              @if (change.clash) {
                <strong>{{ change.label }}</strong>: the other device saved “{{ change.theirs }}”. You have “{{
                  change.mine
                }}”, which is what Save changes keeps.
                <button type="button" (click)="useTheirs.emit(change.field)">Use “{{ change.theirs }}”</button>
              } @else {
                <strong>{{ change.label }}</strong> is now “{{ change.theirs }}” (updated in the form).
              }
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .changed-underneath {
      border: 2px solid var(--color-warning-text);
      border-radius: 8px;
      padding: 0.75rem 1rem;
      margin-block-end: 1rem;
      overflow-wrap: anywhere;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
    button {
      margin-block-start: 0.25rem;
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangedUnderneathNotice {
  readonly changes = input.required<readonly ChangedUnderneath[]>();
  readonly useTheirs = output<string>();
}

/** Adds fresh entries to the list, replacing older entries for the same fields. */
export function withFresh(
  list: readonly ChangedUnderneath[],
  fresh: readonly ChangedUnderneath[],
): readonly ChangedUnderneath[] {
  return [...list.filter((entry) => !fresh.some((next) => next.field === entry.field)), ...fresh];
}

/** Marks a field as settled by taking the other device's value. */
export function settled(list: readonly ChangedUnderneath[], field: string): readonly ChangedUnderneath[] {
  return list.map((entry) => (entry.field === field ? { ...entry, clash: false } : entry));
}

/**
 * The stored record changed while its form is open (`base` is what the form last followed): each
 * field the user has not touched is taken into the form (`take`), each field both changed stays as
 * the user has it; returns the notice entries for both (`describe`).
 */
export function followStoredRecord<T extends object>(
  base: T,
  theirs: T,
  mine: T,
  take: (field: keyof T & string) => void,
  describe: (field: keyof T & string, clash: boolean) => ChangedUnderneath,
): readonly ChangedUnderneath[] {
  const { taken, clashes } = rebase(base, theirs, mine);
  for (const field of taken) take(field);
  return [...taken.map((field) => describe(field, false)), ...clashes.map((field) => describe(field, true))];
}
