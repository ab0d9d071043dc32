import { inject, Injectable } from '@angular/core';
import { DataStore } from '@aws-amplify/datastore';
import { combineLatest, map, type Observable, of } from 'rxjs';

import { ChangeLogEntry, Job, Site } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { DeviceWrites } from '../../shared/data/device-writes';
import { saveChanges } from '../../shared/data/save-changes';
import { descending } from '../../shared/util/list-patch';
import { liveList } from '../../shared/util/live-list';
import { type HistoryEntry, newestFirst, toHistoryEntry } from '../util/history-entry';
import { markNotInForce } from '../util/not-in-force';
import { markUnsettled, NOTHING_UNSETTLED, type UnsettledChanges } from '../util/unsettled';

const byNewest = descending<ChangeLogEntry>((entry) => entry.savedAt);

/** The records with a history, by model name. */
const HISTORY_MODELS = { Job, Site } as const;
export type RecordModel = keyof typeof HISTORY_MODELS;

const HISTORY_WRITES = {
  /** Puts earlier values back as a new edit (stamped now, so it wins over what it replaces). */
  'history.restore': async ({
    model,
    id,
    fields,
  }: {
    model: RecordModel;
    id: string;
    fields: Record<string, unknown>;
  }) => {
    const constructor = HISTORY_MODELS[model] as unknown as typeof Job;
    const current = await DataStore.query(constructor, id);
    if (!current) throw new Error(`This ${model === 'Job' ? 'job' : 'site'} is not on this device`);
    await saveChanges(constructor, current, fields, undefined, 'restore');
    return id;
  },
} as const;

/** The change log: each job's and site's history, read live; restoring is an ordinary edit. */
@Injectable({ providedIn: 'root' })
export class ChangeLogRepository {
  private readonly writes = inject(DeviceWrites);
  private readonly changes = inject(DeviceChanges);

  constructor() {
    for (const [command, executor] of Object.entries(HISTORY_WRITES)) this.writes.register(command, executor);
  }

  /**
   * Every saved change to one record this device holds, newest first, live; each says whether the
   * server has it: from `unsettled` (the sync domain knows what waits or was refused here), and
   * from the record as synced (another device's change the server did not keep).
   */
  watchFor(
    model: RecordModel,
    recordId: string,
    unsettled: Observable<UnsettledChanges> = of(NOTHING_UNSETTLED),
  ): Observable<readonly HistoryEntry[]> {
    const entries = liveList({
      changes: this.changes.of('ChangeLogEntry'),
      requery: () => DataStore.query(ChangeLogEntry, (entry) => entry.recordID.eq(recordId)),
      readOne: (id) => DataStore.query(ChangeLogEntry, id),
      matches: (entry) => entry.recordID === recordId,
      compare: byNewest,
    }).pipe(map((entries) => entries.map(toHistoryEntry).sort(newestFirst)));
    const constructor = HISTORY_MODELS[model] as unknown as typeof Job;
    const record = liveList({
      changes: this.changes.of(model, recordId),
      requery: () => DataStore.query(constructor, (each) => each.id.eq(recordId)),
      readOne: (id) => DataStore.query(constructor, id),
      matches: (each) => each.id === recordId,
      compare: () => 0,
    }).pipe(map(([held]) => (held ?? null) as Readonly<Record<string, unknown>> | null));
    return combineLatest([entries, unsettled, record]).pipe(
      map(([newest, known, held]) => markNotInForce(markUnsettled(newest, known), held)),
    );
  }

  /**
   * The newest saved change to a record that set a field as `matches` wants it (on this device or
   * synced from another): who gave the server's copy its value, and when.
   */
  async newestChangeSetting(
    recordId: string,
    matches: (field: string, value: unknown) => boolean,
  ): Promise<HistoryEntry | null> {
    const entries = (await DataStore.query(ChangeLogEntry, (entry) => entry.recordID.eq(recordId)))
      .map(toHistoryEntry)
      .sort(newestFirst);
    return entries.find((entry) => entry.changes.some((change) => matches(change.field, change.to))) ?? null;
  }

  async restore(model: RecordModel, id: string, fields: Record<string, unknown>): Promise<void> {
    await this.writes.run('history.restore', { model, id, fields });
  }
}
