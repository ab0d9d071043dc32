import { inject, Injectable } from '@angular/core';
import { DISCARD, type SyncConflict, type SyncError } from '@aws-amplify/datastore';
import { type Observable, Subject } from 'rxjs';

import { changedFields } from '../../shared/util/changed-fields';
import { type ChangeOperation, type ChangeRecord, recordLabel, userFields } from '../util/change-record';
import { describeSyncError } from '../util/describe-sync-error';
import { type SyncProblem } from '../util/sync-event';
import { ConflictRepository } from './conflict-repository';
import { type DataStoreHandlers } from './datastore-setup';
import { RecordRepository } from './record-repository';

const OPERATIONS: Readonly<Record<string, ChangeOperation>> = {
  INSERT: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  Create: 'create',
  Update: 'update',
  Delete: 'delete',
};

/**
 * DataStore's conflict and error handlers. Neither may lose what the user typed: a rejected or
 * dropped change is written to the conflict log before DataStore moves on with the server's copy.
 */
@Injectable({ providedIn: 'root' })
export class SyncHandlers {
  private readonly conflicts = inject(ConflictRepository);
  private readonly records = inject(RecordRepository);
  private readonly problemsSubject = new Subject<SyncProblem>();

  readonly problems: Observable<SyncProblem> = this.problemsSubject.asObservable();

  readonly handlers: DataStoreHandlers = {
    conflictHandler: (conflict) => this.onConflict(conflict),
    errorHandler: (error) => {
      void this.onError(error);
    },
  };

  private onConflict(conflict: SyncConflict): typeof DISCARD {
    const recordId = (conflict.localModel as { id: string }).id;
    this.conflicts.record({
      id: crypto.randomUUID(),
      kind: 'conflict',
      model: conflict.modelConstructor.name,
      recordId,
      operation: OPERATIONS[conflict.operation] ?? 'update',
      mine: userFields(conflict.localModel),
      theirs: userFields(conflict.remoteModel),
      reason: (conflict.remoteModel as { _deleted?: boolean | null })._deleted
        ? 'This was deleted on the server while you changed it. Keep mine to add it back as a new record.'
        : 'Someone else changed this on the server before your change arrived.',
      at: Date.now(),
      label: recordLabel(userFields(conflict.localModel)),
    });
    // The user decides later in the Conflicts view; meanwhile the outbox moves on with the server's copy.
    return DISCARD;
  }

  private async onError(error: SyncError<object>): Promise<void> {
    if (isOwnCreateAlreadyOnServer(error)) return;
    const local = error.localModel as { id?: string } | null;
    const model =
      error.model ?? modelFromPath(error.cause) ?? (local?.id ? await this.records.modelOf(local.id) : undefined);
    const changeKept = error.process === 'mutate' && typeof local?.id === 'string';
    const message = describeSyncError({ ...error, model });
    if (changeKept && local?.id) {
      const current = model ? await this.records.current(model, local.id) : null;
      const entry = this.failedChange(error, local.id, model ?? 'Site', message);
      this.conflicts.record({ ...entry, label: recordLabel(current ?? entry.mine) });
    }
    this.problemsSubject.next({ message, at: Date.now(), changeKept });
  }

  private failedChange(error: SyncError<object>, recordId: string, model: string, reason: string): ChangeRecord {
    return {
      id: crypto.randomUUID(),
      kind: 'failed',
      model,
      recordId,
      operation: OPERATIONS[error.operation] ?? 'update',
      mine: userFields(error.localModel),
      theirs: error.remoteModel ? userFields(error.remoteModel) : null,
      reason,
      at: Date.now(),
    };
  }
}

/**
 * A create sent a second time (its first answer was lost: the tab sending it closed, or the
 * connection dropped after the server had written it) fails its "id not taken" condition, and
 * the server answers with the record it holds. When that record holds everything the device sent,
 * the create did arrive: nothing to review.
 */
function isOwnCreateAlreadyOnServer(error: SyncError<object>): boolean {
  const cause = error.cause as { errorType?: unknown } | undefined;
  if (OPERATIONS[error.operation] !== 'create' || !error.remoteModel || !error.localModel) return false;
  if (typeof cause?.errorType !== 'string' || !cause.errorType.endsWith('ConditionalCheckFailedException'))
    return false;
  return Object.keys(changedFields(userFields(error.remoteModel), userFields(error.localModel))).length === 0;
}

/** A GraphQL error's path names the mutation, e.g. ["updateSite"] → "Site". */
function modelFromPath(cause: unknown): string | undefined {
  const path = (cause as { path?: readonly unknown[] } | undefined)?.path;
  const operation = typeof path?.[0] === 'string' ? path[0] : '';
  return /^(?:create|update|delete)([A-Z]\w*)$/.exec(operation)?.[1];
}
