import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

import { fieldLabel, formatValue } from '../../shared/util/format-field';
import { type FieldChange, type HistoryEntry } from '../util/history-entry';

const VERBS: Readonly<Record<string, string>> = {
  create: 'created it',
  update: 'changed',
  restore: 'restored',
  delete: 'deleted it',
};

const OUTCOMES: Readonly<Record<HistoryEntry['outcome'], string | null>> = {
  saved: null,
  waiting: 'Waiting to sync',
  refused: 'Not saved: waiting for your review',
  'not-in-force': 'Not in force: the server holds another value',
};

const whenSaved = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * Who changed what and when on a job or a site (the change log every device writes and syncs),
 * with a button to put back any earlier value.
 */
@Component({
  selector: 'fb-record-history',
  templateUrl: './record-history.html',
  styleUrl: './record-history.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordHistory {
  readonly entries = input.required<readonly HistoryEntry[]>();
  readonly restore = output<FieldChange>();

  protected readonly fieldLabel = fieldLabel;
  protected readonly formatValue = formatValue;
  protected readonly whenSaved = whenSaved;

  protected verb(entry: HistoryEntry): string {
    return VERBS[entry.operation] ?? entry.operation;
  }

  /** Only an edit had an earlier value to put back. */
  protected restorable(entry: HistoryEntry): boolean {
    return entry.operation === 'update' || entry.operation === 'restore';
  }

  /**
   * A value the server does not hold is not the one to undo: nothing to put back. One
   * waiting to sync is in force on this device, and putting back what it replaced is an undo.
   */
  protected tookEffect(entry: HistoryEntry, change: FieldChange): boolean {
    return !entry.notKept?.includes(change.field);
  }

  protected outcomeText(entry: HistoryEntry): string | null {
    return OUTCOMES[entry.outcome];
  }
}
