import { Injectable } from '@angular/core';
import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { type Observable } from 'rxjs';

import { FieldNote } from '../../../../models';
import { durably } from '../../shared/data/durable-write';
import { descending } from '../../shared/util/list-patch';
import { liveList } from '../../shared/util/live-list';

export interface FieldNoteDraft {
  readonly jobID: string;
  readonly body: string;
  /** AWSDateTime: when the observation was made, which may be well before it was typed in. */
  readonly observedAt: string;
  readonly reading?: number | null;
  readonly unit?: string | null;
  readonly author?: string | null;
}

const newestFirst: ObserveQueryOptions<FieldNote> = { sort: (note) => note.observedAt(SortDirection.DESCENDING) };
const newestFirstOrder = descending<FieldNote>((note) => note.observedAt);

/** The field notes aggregate's only door to DataStore. */
@Injectable({ providedIn: 'root' })
export class FieldNoteRepository {
  /** The notes of one job, newest observation first, live. */
  watchByJob(jobId: string): Observable<readonly FieldNote[]> {
    return liveList({
      snapshots: DataStore.observeQuery(FieldNote, (note) => note.jobID.eq(jobId), newestFirst),
      changes: DataStore.observe(FieldNote, (note) => note.jobID.eq(jobId)),
      requery: () => DataStore.query(FieldNote, (note) => note.jobID.eq(jobId), newestFirst),
      readOne: (id) => DataStore.query(FieldNote, id),
      matches: (note) => note.jobID === jobId,
      compare: newestFirstOrder,
    });
  }

  async add(draft: FieldNoteDraft): Promise<FieldNote> {
    const body = draft.body.trim();
    if (!body) throw new Error('A field note needs some text');
    if (Number.isNaN(Date.parse(draft.observedAt))) throw new Error(`"${draft.observedAt}" is not a valid time`);
    return durably(() => DataStore.save(new FieldNote({ ...draft, body })));
  }

  async remove(id: string): Promise<void> {
    const note = await DataStore.query(FieldNote, id);
    if (!note) throw new Error(`Field note ${id} is not on this device`);
    await durably(() => DataStore.delete(note));
  }
}
