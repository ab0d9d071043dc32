import { inject, Injectable } from '@angular/core';
import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { type Observable } from 'rxjs';

import { FieldNote } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { DeviceWrites } from '../../shared/data/device-writes';
import { createOnce, deleteIfPresent } from '../../shared/data/idempotent-writes';
import { saveChanges } from '../../shared/data/save-changes';
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

/** Field note writes as DeviceWrites commands (plain data, safe to run twice); they run in the sync leader. */
const NOTE_WRITES = {
  'note.add': ({ id, draft }: { id: string; draft: FieldNoteDraft }) => createOnce(FieldNote, { ...draft, id }),
  'note.remove': ({ id }: { id: string }) => deleteIfPresent(FieldNote, id).then(() => id),
  'note.edit': async ({ id, changes, whole, newId }: NoteEditWrite) => {
    const current = await DataStore.query(FieldNote, id);
    // Deleted on another device while being edited: the user's version comes back as a new note.
    if (!current) return createOnce(FieldNote, { ...whole, id: newId });
    await saveChanges(FieldNote, current, changes);
    return id;
  },
} as const;

interface NoteEditWrite {
  readonly id: string;
  readonly changes: Partial<FieldNoteDraft>;
  readonly whole: FieldNoteDraft;
  readonly newId: string;
}

/** The field notes aggregate's only door to DataStore; writes go through DeviceWrites. */
@Injectable({ providedIn: 'root' })
export class FieldNoteRepository {
  private readonly writes = inject(DeviceWrites);
  private readonly changes = inject(DeviceChanges);

  constructor() {
    for (const [command, executor] of Object.entries(NOTE_WRITES)) this.writes.register(command, executor);
  }

  /** The notes of one job, newest observation first, live. */
  watchByJob(jobId: string): Observable<readonly FieldNote[]> {
    return liveList({
      changes: this.changes.of('FieldNote'),
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
    const id = await this.writes.run<string>('note.add', { id: crypto.randomUUID(), draft: { ...draft, body } });
    const note = await DataStore.query(FieldNote, id);
    if (!note) throw new Error(`Field note ${id} is not on this device`);
    return note;
  }

  /**
   * Saves an edit of a note: only `changes` are written (onto the note as stored now); should the note
   * have been deleted meanwhile, `whole` is saved as a new note. Resolves to the note's id.
   */
  async edit(id: string, changes: Partial<FieldNoteDraft>, whole: FieldNoteDraft): Promise<string> {
    if (changes.body !== undefined && !changes.body.trim()) throw new Error('A field note needs some text');
    return this.writes.run<string>('note.edit', { id, changes, whole, newId: crypto.randomUUID() });
  }

  async remove(id: string): Promise<void> {
    const note = await DataStore.query(FieldNote, id);
    if (!note) throw new Error(`Field note ${id} is not on this device`);
    await this.writes.run('note.remove', { id });
  }
}
