import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';

import { fieldLabel, formatValue } from '../../shared/util/format-field';
import { type ChangeContext } from '../util/change-context';
import { type ChangeToReview, compareFields, type FieldValues, recordLabel } from '../util/change-to-review';
import { modelLabel } from '../util/describe-sync-error';
import { takenLabel } from '../util/taken-children';

export type FieldChoice = 'mine' | 'theirs';

const savedAtFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** One rejected or dropped change: the user's values beside the server's, and what to do about it. */
@Component({
  selector: 'fb-conflict-card',
  templateUrl: './conflict-card.html',
  styleUrl: './conflict-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConflictCard {
  readonly change = input.required<ChangeToReview>();
  /** Names for ids and who made the server's copy, once read. */
  readonly context = input<ChangeContext | null>(null);
  readonly busy = input(false);
  readonly keepMine = output<void>();
  readonly takeTheirs = output<void>();
  readonly saveMerged = output<FieldValues>();
  readonly retry = output<void>();
  readonly restoreChildren = output<void>();

  protected readonly fieldLabel = fieldLabel;
  /** A value as a person reads it; another record's id as that record's name when it is known. */
  protected display(value: unknown, field: string): string {
    const name = typeof value === 'string' ? this.context()?.names[value] : undefined;
    return name ?? formatValue(value, field);
  }
  protected readonly changedBy = computed(() => {
    const entry = this.context()?.changedBy;
    if (!entry) return null;
    const who = [entry.author, entry.device].filter(Boolean).join(' on ') || 'someone';
    return `Their value was saved by ${who}, ${savedAtFormat.format(new Date(entry.savedAt))}.`;
  });
  protected readonly rows = computed(() => compareFields(this.change()));
  protected readonly differing = computed(() => this.rows().filter((row) => row.differs));
  protected readonly title = computed(() => {
    const change = this.change();
    const name = change.label ?? recordLabel(change.mine) ?? (change.theirs && recordLabel(change.theirs));
    const what = modelLabel(change.model);
    return typeof name === 'string' && name ? `${what[0].toUpperCase()}${what.slice(1)} “${name}”` : `A ${what}`;
  });
  /** For a job or site deleted elsewhere: what was added to it here, and what to call it. */
  protected readonly orphans = computed(() => {
    const { model, mine } = this.change();
    const [children, child, parent] =
      model === 'Site' ? [mine['jobs'], 'jobs', 'site'] : [mine['notes'], 'notes', 'job'];
    return { items: Array.isArray(children) ? children.map(String) : [], child, parent };
  });
  /** For a refused delete: what it took with it on this device, and what to call them. */
  protected readonly taken = computed(() => {
    const { model, children = [] } = this.change();
    return { items: children.map(takenLabel), noun: model === 'Site' ? 'jobs' : 'notes' };
  });
  protected readonly hasServerCopy = computed(() => this.change().theirs !== null);
  private readonly choices = signal<Readonly<Record<string, FieldChoice>>>({});

  protected choiceFor(field: string): FieldChoice {
    return this.choices()[field] ?? 'mine';
  }

  protected choose(field: string, choice: FieldChoice): void {
    this.choices.update((choices) => ({ ...choices, [field]: choice }));
  }

  protected emitMerged(): void {
    const change = this.change();
    const merged: Record<string, unknown> = {};
    for (const row of this.rows()) {
      merged[row.field] = this.choiceFor(row.field) === 'mine' ? row.mine : (change.theirs?.[row.field] ?? null);
    }
    this.saveMerged.emit(merged);
  }
}
