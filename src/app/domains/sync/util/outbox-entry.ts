/** One queued mutation as DataStore keeps it in its outbox (MutationEvent). */
export interface OutboxEntry {
  readonly id: string;
  readonly model: string;
  readonly modelId: string;
  readonly operation: 'Create' | 'Update' | 'Delete';
  /** The mutation's input as JSON. */
  readonly data: string;
}

/** What the outbox holds: the changes a user counts, and every entry (history entries included). */
export interface QueuedCounts {
  readonly changes: number;
  readonly entries: number;
}

/** Written to the outbox with every change to a job or site (shared/data/change-log): not a change of its own to the user. */
export const HISTORY_MODEL = 'ChangeLogEntry';

/** The entries that are the user's own changes: a history entry describes one, it is not one. */
export function userChanges(entries: readonly OutboxEntry[]): OutboxEntry[] {
  return entries.filter((entry) => entry.model !== HISTORY_MODEL);
}
