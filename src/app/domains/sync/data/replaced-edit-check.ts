import { DestroyRef, inject, Injectable } from '@angular/core';
import { Hub } from 'aws-amplify/utils';

import { learnServerTime } from '../../shared/data/device-clock';
import { hasSentEdit, type SentEdit, takeSentEdit } from '../../shared/data/sent-edits';
import { sameValue } from '../../shared/util/changed-fields';
import { type FieldValues, recordLabel, userFields } from '../util/change-to-review';
import { describeReplaced, replacedValues } from '../util/replaced-values';
import { ReviewRepository } from './review-repository';
import { SyncStorageReader } from './sync-storage-reader';

interface ProcessedMutation {
  readonly event: string;
  readonly data?: { readonly model?: { readonly name?: string }; readonly element?: Record<string, unknown> };
}

const clockTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/**
 * Compares every answer the server sends for this device's saves with what the user saved. A
 * merge on the server (Auto Merge, or the Job handler keeping a later edit) may keep another
 * device's value: the user is told in the review list, with their value to restore, and sync
 * goes on. Runs in the sync leader, where DataStore sends the outbox and every save runs.
 */
@Injectable({ providedIn: 'root' })
export class ReplacedEditCheck {
  private readonly conflicts = inject(ReviewRepository);
  private readonly reader = inject(SyncStorageReader);
  private readonly destroyRef = inject(DestroyRef);
  private checking = Promise.resolve();
  private started = false;
  /** The newest version each record's answers have reached, noted as they arrive (checks run later). */
  private readonly newestVersion = new Map<string, number>();

  start(): void {
    if (this.started) return;
    this.started = true;
    const stopListening = Hub.listen('datastore', ({ payload }) => {
      const { event, data } = payload as ProcessedMutation;
      if (event !== 'outboxMutationProcessed' || !data?.element || !data.model?.name) return;
      const element = data.element;
      const changedAt = element['_lastChangedAt'];
      if (typeof changedAt === 'number') learnServerTime(changedAt);
      const model = data.model.name;
      const version = element['_version'];
      if (typeof version === 'number') this.newestVersion.set(`${model}:${String(element['id'])}`, version);
      this.checking = this.checking.then(() => this.check(model, element)).catch(() => undefined);
    });
    // Hub outlives the injector: a listener left behind would take sent edits meant for the next one.
    this.destroyRef.onDestroy(stopListening);
  }

  private async check(model: string, server: Record<string, unknown>): Promise<void> {
    const recordId = server['id'];
    // Creates, deletes and history entries leave nothing to compare: skip them before reading the outbox.
    if (typeof recordId !== 'string' || !hasSentEdit(model, recordId)) return;
    // An answer overtaken by a newer one for the record (checks queue up behind outbox reads):
    // the newer answer is the one to judge against, or an edit sent after this answer would
    // look replaced by the value the record had before it.
    const version = server['_version'];
    if (typeof version === 'number' && version < (this.newestVersion.get(`${model}:${recordId}`) ?? 0)) return;
    // Later saves of this record are still queued: judge once the server has answered for all of them.
    const queued = await this.reader.outboxEntries();
    if (queued.some((entry) => entry.model === model && entry.modelId === recordId)) return;
    const sent = takeSentEdit(model, recordId);
    if (!sent) return;
    // A change the server turned down is in the review list already, with the user's values: each
    // field and value is reported once, and an edit of another field (or to another value) still is.
    const filed = this.conflicts.all().filter((entry) => entry.model === model && entry.recordId === recordId);
    const unreported = (field: string, value: unknown) =>
      !filed.some((entry) => field in entry.mine && sameValue(entry.mine[field], value));
    const theirs = userFields(server);
    if (server['_deleted'] === true) {
      if (Object.entries(sent.fields).some(([field, { value }]) => unreported(field, value)))
        this.recordEditOfDeleted(model, recordId, sent, theirs);
      return;
    }
    // A field set without an edit time (another AppSync client) counts as saved when the server
    // stored it, as the Job conflict handler counts it.
    const replaced = replacedValues(sent, {
      ...theirs,
      fieldEditedAt: server['fieldEditedAt'],
      _lastChangedAt: server['_lastChangedAt'],
    }).filter(({ field, mine }) => unreported(field, mine));
    if (replaced.length === 0) return;
    this.conflicts.record({
      id: crypto.randomUUID(),
      kind: 'replaced',
      model,
      recordId,
      operation: 'update',
      mine: Object.fromEntries(replaced.map(({ field, mine }) => [field, mine])),
      theirs,
      reason: describeReplaced(replaced, clockTime),
      at: Date.now(),
      label: recordLabel(theirs),
    });
  }

  /**
   * The user edited a record that another device had deleted (a checklist tick on a job deleted
   * meanwhile): the delete stands on the server, and the edit would vanish with the record.
   */
  private recordEditOfDeleted(model: string, recordId: string, sent: SentEdit, theirs: FieldValues): void {
    const edited = Object.fromEntries(Object.entries(sent.fields).map(([field, { value }]) => [field, value]));
    this.conflicts.record({
      id: crypto.randomUUID(),
      kind: 'conflict',
      model,
      recordId,
      operation: 'update',
      // The whole record as the user last had it, so keeping it can bring it back as a new one.
      mine: { ...theirs, ...edited },
      theirs,
      reason: 'This was deleted on another device after you changed it. Keep mine to add it back as a new record.',
      at: Date.now(),
      label: recordLabel(theirs),
    });
  }
}
