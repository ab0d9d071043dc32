import { changedFields, sameValue } from '../../shared/util/changed-fields';
import { UNKNOWN_MODEL } from '../../shared/util/model-names';
import {
  changeOperation,
  type ChangeToReview,
  fieldsFromJson,
  type FieldValues,
  recordLabel,
  userFields,
} from './change-to-review';
import { describeSyncError } from './describe-sync-error';
import { HISTORY_MODEL } from './outbox-entry';
import { isPermissionRefusal, refusedChange } from './permission-refusal';
import { type ReviewPorts } from './review-ports';
import { type ScopeRetry, scopeRetry, withoutScope } from './scope-retry';
import { withTakenChildren } from './taken-children';

/** What DataStore's conflict handler is handed, as far as the review needs it. */
export interface ConflictSeen {
  readonly modelName: string;
  readonly localModel: object;
  readonly remoteModel: object;
  readonly operation: string;
}

/** What DataStore's error handler is handed, as far as the review needs it. */
export interface ErrorSeen {
  readonly localModel?: object | null;
  readonly remoteModel?: object | null;
  readonly message?: string;
  readonly model?: string;
  readonly operation?: string;
  readonly errorType?: string;
  readonly process?: string;
  readonly cause?: unknown;
}

/** The device store's reads the error handler's entry needs (its model, its name). */
export interface RecordLookup {
  modelOf(recordId: string): Promise<string | undefined>;
  current(model: string, recordId: string): Promise<FieldValues | null>;
}

/**
 * The app's answer to DataStore's conflict and error handlers, without Angular or DataStore: a
 * rejected or dropped change is filed for review before DataStore moves on with the server's copy,
 * so nothing the user typed disappears silently. The conflict handler discards (the user decides
 * later in the review list), except a move to another crew, sent again on the server's version
 * (scope-retry.ts); SyncHandlers turns 'discard' into DataStore's DISCARD.
 */
export class HandlerReview {
  constructor(
    private readonly ports: ReviewPorts,
    private readonly records: RecordLookup,
  ) {}

  async conflict(conflict: ConflictSeen): Promise<'discard' | ScopeRetry> {
    const retry = scopeRetry(conflict);
    if (!retry) return this.discard(conflict);
    // DataStore hands over the server's record with the sent fields over it: a field that matches
    // the server's is no edit of the user's to review.
    const rest = withoutScope(userFields(conflict.localModel));
    const theirs = userFields(conflict.remoteModel);
    const edited = Object.entries(rest).some(([field, value]) => !sameValue(value, theirs[field]));
    if (edited) await this.discard({ ...conflict, localModel: { ...rest, id: retry.id } });
    return retry;
  }

  private async discard(conflict: ConflictSeen): Promise<'discard'> {
    const recordId = (conflict.localModel as { id: string }).id;
    const operation = changeOperation(conflict.operation);
    const deletedOnServer = Boolean((conflict.remoteModel as { _deleted?: boolean | null })._deleted);
    // Deleted here and there: both sides meant the same thing, and so did what it took here.
    if (operation === 'delete' && deletedOnServer) {
      this.ports.takeDeletedWith(conflict.modelName, recordId);
      return 'discard';
    }
    const model = conflict.modelName;
    const mine =
      operation === 'delete' ? await this.editsMergedIntoDelete(model, recordId) : userFields(conflict.localModel);
    this.ports.record(
      this.withTaken({
        id: crypto.randomUUID(),
        kind: 'conflict',
        model,
        recordId,
        operation,
        mine,
        theirs: userFields(conflict.remoteModel),
        reason:
          operation === 'delete'
            ? `You deleted this, but someone else changed it on the server first, so it was not deleted.${
                Object.keys(mine).length > 0 ? ' Your edits from before you deleted it are below.' : ''
              }`
            : deletedOnServer
              ? 'This was deleted on the server while you changed it. Keep mine to add it back as a new record.'
              : 'Someone else changed this on the server before your change arrived.',
        at: Date.now(),
        label: recordLabel(operation === 'delete' ? userFields(conflict.remoteModel) : userFields(conflict.localModel)),
      }),
    );
    return 'discard';
  }

  /** Files a change DataStore gave up on; says what to tell the user and whether the change is kept. */
  async error(error: ErrorSeen): Promise<{ message: string; changeKept: boolean } | null> {
    if (isOwnCreateAlreadyOnServer(error)) return null;
    if (isPermissionRefusal(error)) return this.refusedForPermission(error.model);
    const local = error.localModel as { id?: string } | null | undefined;
    const model = error.model ?? modelFromPath(error.cause) ?? (local?.id ? await this.modelOf(local.id) : undefined);
    const changeKept = error.process === 'mutate' && typeof local?.id === 'string';
    const message = describeSyncError({ ...error, model });
    if (changeKept && local?.id) {
      const current = model ? await this.current(model, local.id) : null;
      const failed = failedChange(error, local.id, model ?? UNKNOWN_MODEL, message);
      const entry =
        failed.operation === 'delete'
          ? { ...failed, mine: await this.editsMergedIntoDelete(failed.model, local.id) }
          : isEditOfVanishedRecord(error)
            ? this.editOfVanishedRecord(failed)
            : failed;
      this.ports.record(this.withTaken({ ...entry, label: recordLabel(current ?? entry.mine) }));
    }
    return { message, changeKept };
  }

  /** Files the change being sent (the outbox head) with why; a history entry is not the user's change. */
  private async refusedForPermission(model: string | undefined): Promise<{ message: string; changeKept: boolean }> {
    const [head] = await this.ports.outboxEntries();
    if (!head || head.model !== model || head.model === HISTORY_MODEL) {
      return { message: describeSyncError({ errorType: 'Unauthorized', process: 'mutate', model }), changeKept: false };
    }
    const entry = refusedChange(head, Date.now());
    const current = await this.current(head.model, head.modelId);
    this.ports.record(this.withTaken({ ...entry, label: recordLabel(current ?? entry.mine) }));
    return { message: entry.reason, changeKept: true };
  }

  /**
   * The record as the device store holds it, for the entry's name. The store refuses reads while
   * DataStore stops (a hand-over, a reconnect) and DataStore may still drop the change once the
   * handler settles, so the entry is filed all the same.
   */
  private current(model: string, recordId: string): Promise<FieldValues | null> {
    return this.records.current(model, recordId).catch(() => null);
  }

  /**
   * A refused delete of a job or a site with what it took with it on this device: the children
   * whose creates the outbox dropped with it exist nowhere else, and the others were deleted on the
   * server by their own deletes, sent ahead of it.
   */
  private withTaken(entry: ChangeToReview): ChangeToReview {
    if (entry.operation !== 'delete') return entry;
    return withTakenChildren(entry, this.ports.takeDeletedWith(entry.model, entry.recordId)?.children);
  }

  /**
   * The model of a change DataStore gave up on: the queued mutation names it (it is still the
   * outbox's head), where the device store may no longer hold the record.
   */
  private async modelOf(recordId: string): Promise<string | undefined> {
    const queued = (await this.ports.outboxEntries()).find((entry) => entry.modelId === recordId);
    return queued?.model ?? (await this.records.modelOf(recordId).catch(() => undefined));
  }

  /**
   * A user's edit of a record that a sync deleted between the device reading it and saving the
   * edit: DataStore stored it as a new record and sent a create holding only the edited fields,
   * which the server refuses. Filed as the edit of a deleted record, whole (the record as the user
   * last saved it, noted with the edit), so keeping it adds the record back. A later save of the
   * record, queued behind the create, is in the noted edit too and is the user's last word: the
   * create's older values must not stand over it (its own answer finds the edit taken).
   */
  private editOfVanishedRecord(failed: ChangeToReview): ChangeToReview {
    const sent = this.ports.takeSentEdit(failed.model, failed.recordId);
    const saved = Object.fromEntries(Object.entries(sent?.fields ?? {}).map(([field, { value }]) => [field, value]));
    return {
      ...failed,
      kind: 'conflict',
      operation: 'update',
      mine: { ...sent?.record, ...failed.mine, ...saved },
      changed: [...new Set([...Object.keys(failed.mine), ...Object.keys(saved)])],
      reason: 'This was deleted on another device as you changed it. Keep mine to add it back as a new record.',
    };
  }

  /**
   * The edits the user made to a record before deleting it that had not reached the server: the
   * outbox merged them into the delete, and a delete is sent as its id alone, so nothing else holds
   * them once the server refuses it. Values come from the queued delete (the record as the user
   * last had it); which fields the user changed, from the edits noted when saved (sent-edits).
   */
  private async editsMergedIntoDelete(model: string, recordId: string): Promise<FieldValues> {
    const edited = this.ports.takeSentEdit(model, recordId);
    if (!edited) return {};
    const entry = (await this.ports.outboxEntries()).find(
      (queued) => queued.modelId === recordId && queued.operation === 'Delete',
    );
    const last = entry ? fieldsFromJson(entry.data) : {};
    return Object.fromEntries(
      Object.entries(edited.fields).map(([field, { value }]) => [field, field in last ? last[field] : value]),
    );
  }
}

function failedChange(error: ErrorSeen, recordId: string, model: string, reason: string): ChangeToReview {
  return {
    id: crypto.randomUUID(),
    kind: 'failed',
    model,
    recordId,
    operation: changeOperation(error.operation),
    mine: userFields(error.localModel),
    theirs: error.remoteModel ? userFields(error.remoteModel) : null,
    reason,
    at: Date.now(),
  };
}

/**
 * A create sent a second time (its first answer was lost: the tab sending it closed, or the
 * connection dropped after the server had written it) fails its "id not taken" condition, and
 * the server answers with the record it holds. When that record holds everything the device sent,
 * the create did arrive: nothing to review.
 */
function isOwnCreateAlreadyOnServer(error: ErrorSeen): boolean {
  const cause = error.cause as { errorType?: unknown } | undefined;
  if (changeOperation(error.operation) !== 'create' || !error.remoteModel || !error.localModel) return false;
  if (typeof cause?.errorType !== 'string' || !cause.errorType.endsWith('ConditionalCheckFailedException'))
    return false;
  const held = userFields(error.remoteModel);
  return Object.entries(changedFields(held, userFields(error.localModel))).every(([field, sent]) =>
    sameJson(held[field], sent),
  );
}

/**
 * An AWSJSON field (a history entry's `fields`) goes out as a JSON string, and the server's copy
 * of the record may hold it parsed: the same value either way.
 */
function sameJson(held: unknown, sent: unknown): boolean {
  const parsed = (value: unknown) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  };
  return typeof held !== typeof sent && sameValue(parsed(held), parsed(sent));
}

/** A create that carries a `_version` was an edit of a synced record: no new record has one. */
function isEditOfVanishedRecord(error: ErrorSeen): boolean {
  const local = error.localModel as { _version?: unknown } | null | undefined;
  return changeOperation(error.operation) === 'create' && typeof local?._version === 'number';
}

/** A GraphQL error's path names the mutation, e.g. ["updateSite"] → "Site". */
function modelFromPath(cause: unknown): string | undefined {
  const path = (cause as { path?: readonly unknown[] } | undefined)?.path;
  const operation = typeof path?.[0] === 'string' ? path[0] : '';
  return /^(?:create|update|delete)([A-Z]\w*)$/.exec(operation)?.[1];
}
