import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { merge, switchMap } from 'rxjs';

import { type ChecklistItem, type FieldNote, type Job, type JobStatus, type Site } from '../../../../models';
import { CrewMemberPreference } from '../../device/api';
import { ChangeLogRepository, type FieldChange, type HistoryEntry } from '../../history/api';
import { type FieldNoteDraft, FieldNoteRepository, type NoteEdit } from '../../notes/api';
import { attempt, followInto, notLoaded, withRequestStatus } from '../../shared/util/with-request-status';
import { SiteRepository } from '../../sites/api';
import { UnsettledRecordChanges } from '../../sync/api';
import { JobRepository } from '../data/job-repository';
import { checklistProgress } from '../util/checklist';
import { withItsSite } from '../util/job-with-site';

interface JobDetailState {
  readonly job: Job | null;
  readonly site: Site | null;
  readonly notes: readonly FieldNote[];
  /** Who changed what and when, newest first. */
  readonly history: readonly HistoryEntry[];
  /** The job is not (or no longer) on this device: deleted here, elsewhere, or never synced. */
  readonly missing: boolean;
  /** The checklist item the user last removed, and where it was, while they can still undo it. */
  readonly removedItem: { readonly item: ChecklistItem; readonly position: number } | null;
  /** The crew member named on this device: the author of the notes added here ('' until named). */
  readonly crewMember: string;
  /** The crew member is the signed-in person. */
  readonly nameFromAccount: boolean;
}

const initialState: JobDetailState = {
  job: null,
  site: null,
  notes: [],
  history: [],
  missing: false,
  removedItem: null,
  crewMember: '',
  nameFromAccount: false,
};

/** A note to add; `author` is the name typed in the note form, remembered for the notes after it. */
export type NoteInput = Omit<FieldNoteDraft, 'jobID' | 'author'> & { readonly author?: string };

export const JobDetailStore = signalStore(
  withState(initialState),
  withRequestStatus(),
  withProps(() => ({
    _jobs: inject(JobRepository),
    _notes: inject(FieldNoteRepository),
    _sites: inject(SiteRepository),
    _crewMember: inject(CrewMemberPreference),
    _history: inject(ChangeLogRepository),
    _unsettled: inject(UnsettledRecordChanges),
  })),
  withComputed(({ job }) => ({
    progress: computed(() => checklistProgress(job()?.checklist)),
  })),
  withMethods((store) => {
    /** Runs one write on the open job; a failure becomes a message on screen and `false`. */
    async function write(what: string, action: (jobId: string) => Promise<unknown>): Promise<boolean> {
      const job = store.job();
      return job ? attempt(store, what, () => action(job.id)) : false;
    }
    /** The name typed with a note becomes this device's crew member, as if set in Settings. */
    function rememberCrewMember(name: string): void {
      try {
        store._crewMember.write(name);
      } catch {
        // Storage blocked: this note still carries the name; the next one asks again.
      }
      patchState(store, { crewMember: name });
    }
    return {
      setStatus: (status: JobStatus) => write('Changing the status', (id) => store._jobs.setStatus(id, status)),
      toggleChecklistItem: (itemId: string) =>
        write('Ticking the item', (id) => store._jobs.toggleChecklistItem(id, itemId)),
      addChecklistItem: (label: string) => write('Adding the item', (id) => store._jobs.addChecklistItem(id, label)),
      renameChecklistItem: (itemId: string, label: string) =>
        write('Renaming the item', (id) => store._jobs.renameChecklistItem(id, itemId, label)),
      removeChecklistItem: async (itemId: string) => {
        const checklist = store.job()?.checklist ?? [];
        const position = checklist.findIndex((item) => item.id === itemId);
        const item = checklist[position];
        const removed = await write('Removing the item', (id) => store._jobs.removeChecklistItem(id, itemId));
        if (removed && item) patchState(store, { removedItem: { item, position } });
        return removed;
      },
      undoRemoveChecklistItem: async () => {
        const removed = store.removedItem();
        if (!removed) return false;
        const restored = await write('Putting the item back', (id) =>
          store._jobs.restoreChecklistItem(id, removed.item, removed.position),
        );
        if (restored) patchState(store, { removedItem: null });
        return restored;
      },
      addNote: ({ author: typed, ...note }: NoteInput) =>
        write('Saving the note', (jobID) => {
          const author = typed?.trim() || store._crewMember.read();
          if (author !== store.crewMember()) rememberCrewMember(author);
          return store._notes.add({ ...note, jobID, author: author || null });
        }),
      removeNote: (noteId: string) => write('Deleting the note', () => store._notes.remove(noteId)),
      editNote: ({ id, changes, whole }: NoteEdit) =>
        write('Saving the note', () => store._notes.edit(id, changes, whole, store.crewMember() || null)),
      deleteJob: () => write('Deleting the job', (id) => store._jobs.remove(id)),
      /** Puts an earlier value back, as a new edit that syncs. */
      restoreEarlier: (change: FieldChange) =>
        write('Restoring the earlier value', (id) =>
          store._history.restore('Job', id, { [change.field]: change.from }),
        ),
      load: rxMethod<string>(
        switchMap((id) => {
          patchState(store, {
            ...initialState,
            ...notLoaded,
            crewMember: store._crewMember.read(),
            nameFromAccount: store._crewMember.fromAccount(),
          });
          const readFailed = 'This job could not be read';
          const job = store._jobs.watchById(id).pipe(
            withItsSite((siteId) => store._sites.findById(siteId)),
            followInto(store, readFailed, ({ job, site }) => ({ job, site, loaded: true, missing: !job })),
          );
          const notes = store._notes.watchByJob(id).pipe(followInto(store, readFailed, (notes) => ({ notes })));
          const history = store._history
            .watchFor('Job', id, store._unsettled.watchFor(id))
            .pipe(followInto(store, readFailed, (history) => ({ history })));
          return merge(job, notes, history);
        }),
      ),
    };
  }),
);
