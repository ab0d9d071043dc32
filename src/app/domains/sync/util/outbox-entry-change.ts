import { type OutboxEntry } from '../data/sync-storage-reader';
import { type ChangeOperation, type ChangeRecord, userFields } from './change-record';

export const RESCUED_REASON =
  'Saved on this device before an app update changed how data is stored. It is kept here and sent to the server when there is a connection.';

const OPERATIONS: Readonly<Record<OutboxEntry['operation'], ChangeOperation>> = {
  Create: 'create',
  Update: 'update',
  Delete: 'delete',
};

/** A queued DataStore mutation as a change the user can see, retry or discard. */
export function outboxEntryToChange(entry: OutboxEntry, at: number): ChangeRecord {
  let input: Record<string, unknown> = {};
  try {
    input = JSON.parse(entry.data) as Record<string, unknown>;
  } catch {
    // A damaged entry still names the record; its fields are then unknown.
  }
  const label = input['title'] ?? input['name'] ?? input['body'];
  return {
    id: `rescued-${entry.id}`,
    kind: 'failed',
    model: entry.model,
    recordId: entry.modelId,
    operation: OPERATIONS[entry.operation],
    mine: userFields(input),
    theirs: null,
    reason: RESCUED_REASON,
    at,
    ...(typeof label === 'string' ? { label } : {}),
  };
}

export function isRescued(change: ChangeRecord): boolean {
  return change.id.startsWith('rescued-');
}
