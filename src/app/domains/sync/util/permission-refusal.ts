import { modelLabel } from '../../shared/util/model-names';
import { type ChangeOperation, changeOperation, type ChangeToReview, fieldsFromJson } from './change-to-review';
import { type OutboxEntry } from './outbox-entry';

/** What DataStore's error handler is handed for a refused change, as far as telling one apart goes. */
export interface RefusalSeen {
  readonly model?: string;
  readonly errorType?: string;
  readonly cause?: unknown;
}

/**
 * AppSync answered a queued change with `Unauthorized`: the person may not make it (their group or
 * the record's owner changed while they worked offline). DataStore reports it with no values and
 * then drops the change; its cause is the NonRetryableError it raised, unlike a refused sync query.
 */
export function isPermissionRefusal(error: RefusalSeen): boolean {
  const cause = error.cause as { nonRetryable?: unknown; message?: unknown } | undefined;
  return error.errorType === 'Unauthorized' && cause?.nonRetryable === true && cause.message === 'Unauthorized';
}

const VERBS: Readonly<Record<ChangeOperation, string>> = { create: 'add', update: 'change', delete: 'delete' };

/** "You may no longer delete this job…": what the review list and the sync bar say. */
export function permissionRefusalReason(operation: ChangeOperation, model: string): string {
  const what = modelLabel(model);
  const verb = VERBS[operation];
  return `You may no longer ${verb} ${operation === 'create' ? 'a' : 'this'} ${what}: the server refused it for your account. Your values are below: copy them, or discard.`;
}

/**
 * The refused change as a review entry, from the outbox entry DataStore was sending (the head of
 * the outbox: DataStore waits for the error handler before it drops it). A delete's entry holds
 * the record as the user last had it, so its values are kept too.
 */
export function refusedChange(entry: OutboxEntry, at: number): ChangeToReview {
  const operation = changeOperation(entry.operation);
  return {
    id: crypto.randomUUID(),
    kind: 'failed',
    model: entry.model,
    recordId: entry.modelId,
    operation,
    mine: fieldsFromJson(entry.data),
    theirs: null,
    reason: permissionRefusalReason(operation, entry.model),
    at,
  };
}
