import { changeOperation, type ChangeToReview, recordLabel, userFields } from './change-to-review';
import { type OutboxEntry } from './outbox-entry';

export const RESCUED_REASON =
  'Saved on this device before an app update changed how data is stored. It is kept here and sent to the server when there is a connection.';

/** A queued DataStore mutation as a change the user can see, retry or discard. */
export function outboxEntryToChange(entry: OutboxEntry, at: number): ChangeToReview {
  let input: Record<string, unknown> = {};
  try {
    input = JSON.parse(entry.data) as Record<string, unknown>;
  } catch {
    // A damaged entry still names the record; its fields are then unknown.
  }
  const label = recordLabel(input);
  return {
    id: `rescued-${entry.id}`,
    kind: 'failed',
    model: entry.model,
    recordId: entry.modelId,
    operation: changeOperation(entry.operation),
    mine: userFields(input),
    theirs: null,
    reason: RESCUED_REASON,
    at,
    ...(label ? { label } : {}),
  };
}

export function isRescued(change: ChangeToReview): boolean {
  return change.id.startsWith('rescued-');
}
