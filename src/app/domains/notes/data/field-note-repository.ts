import { inject, Injectable } from '@angular/core';
import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { type Observable } from 'rxjs';

import { FieldNote, type GeoPoint } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { serverNow } from '../../shared/data/device-clock';
import { DeviceWrites } from '../../shared/data/device-writes';
import { durably } from '../../shared/data/durable-write';
import { createOnce, deleteIfPresent } from '../../shared/data/idempotent-writes';
import { saveChanges } from '../../shared/data/save-changes';
import { changedFields } from '../../shared/util/changed-fields';
import { descending } from '../../shared/util/list-patch';
import { liveList } from '../../shared/util/live-list';
import { type EditMark, withEditMark } from '../util/edit-mark';

export interface FieldNoteDraft {
  readonly jobID: string;
  readonly body: string;
  /** AWSDateTime: when the observation was made, which may be well before it was typed in. */
  readonly observedAt: string;
  readonly reading?: number | null;
  readonly unit?: string | null;
  readonly author?: string | null;
  /** Where the note was taken, when the person asked for the device's location. */
  readonly location?: GeoPoint | null;
  /** Free-form extras (AWSJSON); the note's edit mark is kept here (util/edit-mark.ts). */
  readonly attributes?: string | null;
}

const newestFirst: ObserveQueryOptions<FieldNote> = { sort: (note) => note.observedAt(SortDirection.DESCENDING) };
const newestFirstOrder = descending<FieldNote>((note) => note.observedAt);

/** Field note writes as DeviceWrites commands (plain data, safe to run twice); they run in the sync leader. */
const NOTE_WRITES = {
  'note.add': ({ id, draft }: { id: string; draft: FieldNoteDraft }) => createOnce(FieldNote, { ...draft, id }),
  'note.remove': ({ id }: { id: string }) => deleteIfPresent(FieldNote, id).then(() => id),
  'note.edit': async ({ id, changes, whole, newId, mark }: NoteEditWrite) => {
    const current = await DataStore.query(FieldNote, id);
    // Deleted on another device while being edited: the user's version comes back as a new note.
    if (!current)
      return createOnce(FieldNote, { ...whole, attributes: withEditMark(whole.attributes, mark), id: newId });
    if (Object.keys(changedFields<FieldNoteDraft>(current, changes)).length === 0) return id;
    await saveChanges(FieldNote, current, changes);
    await markEdited(id, mark);
    return id;
  },
} as const;

interface NoteEditWrite {
  readonly id: string;
  readonly changes: Partial<FieldNoteDraft>;
  readonly whole: FieldNoteDraft;
  readonly newId: string;
  readonly mark: EditMark;
}

/**
 * Stamps the edit in a save of its own, after the user's fields: what `saveChanges` sends is
 * compared with the server's answer to tell the user of a value another device's edit replaced,
 * and two devices' marks always differ, so sent together the mark would be reported as a
 * replaced value of its own. On its own it merges quietly (the later edit's mark is kept).
 */
async function markEdited(id: string, mark: EditMark): Promise<void> {
  const saved = await DataStore.query(FieldNote, id);
  if (!saved) return;
  await durably(() =>
    DataStore.save(FieldNote.copyOf(saved, (draft) => void (draft.attributes = withEditMark(saved.attributes, mark)))),
  );
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
   * have been deleted meanwhile, `whole` is saved as a new note. Either way the note is marked as
   * edited by `editedBy`, now. Resolves to the note's id.
   */
  async edit(
    id: string,
    changes: Partial<FieldNoteDraft>,
    whole: FieldNoteDraft,
    editedBy: string | null = null,
  ): Promise<string> {
    if (changes.body !== undefined && !changes.body.trim()) throw new Error('A field note needs some text');
    const mark: EditMark = { at: serverNow().toISOString(), by: editedBy };
    return this.writes.run<string>('note.edit', { id, changes, whole, newId: crypto.randomUUID(), mark });
  }

  async remove(id: string): Promise<void> {
    const note = await DataStore.query(FieldNote, id);
    if (!note) throw new Error(`Field note ${id} is not on this device`);
    await this.writes.run('note.remove', { id });
  }
}
