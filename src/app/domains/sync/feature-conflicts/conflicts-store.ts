import { inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { ChangeLogRepository } from '../../history/api';
import { MutationResender } from '../data/mutation-resender';
import { RecordRepository } from '../data/record-repository';
import { settleResend } from '../data/resend-outcome';
import { ReviewRepository } from '../data/review-repository';
import { type ChangeContext } from '../util/change-context';
import { type ChangeToReview, type FieldValues } from '../util/change-to-review';
import { modelLabel } from '../util/describe-sync-error';
import { describeRestored } from '../util/taken-children';
import { loadChangeContext } from './load-change-context';

interface ConflictsState {
  readonly changes: readonly ChangeToReview[];
  readonly busyId: string | null;
  /** What the last action did, announced to screen readers. */
  readonly notice: string | null;
  readonly error: string | null;
  /** By change id. */
  readonly contexts: Readonly<Record<string, ChangeContext>>;
}

const initialState: ConflictsState = { changes: [], busyId: null, notice: null, error: null, contexts: {} };

export const ConflictsStore = signalStore(
  withState(initialState),
  withProps(() => ({
    _conflicts: inject(ReviewRepository),
    _records: inject(RecordRepository),
    _resender: inject(MutationResender),
    _history: inject(ChangeLogRepository),
  })),
  withMethods((store) => {
    const contextOf = async (change: ChangeToReview) =>
      [change.id, await loadChangeContext(change, store._records, store._history)] as const;
    /** Runs one action for one entry; the entry stays until the action has succeeded. */
    async function act(change: ChangeToReview, action: () => Promise<string>): Promise<void> {
      patchState(store, { busyId: change.id, error: null, notice: null });
      try {
        patchState(store, { notice: await action() });
      } catch (error: unknown) {
        const reason = error instanceof Error ? error.message : String(error);
        patchState(store, { error: `Could not save your choice for this ${modelLabel(change.model)}: ${reason}` });
      } finally {
        patchState(store, { busyId: null });
      }
    }

    /** Brings back what a refused delete took with it here; keeping the parent keeps what was on it. */
    async function restoreTaken(change: ChangeToReview): Promise<string> {
      if (!change.children?.length) return '';
      const parent = { model: change.model, id: change.recordId, fields: change.theirs ?? change.mine };
      await store._records.restoreTaken(parent, change.children);
      return ` ${describeRestored(change.children)}`;
    }

    return {
      keepMine(change: ChangeToReview): Promise<void> {
        if (change.kind === 'orphaned') {
          return act(change, async () => {
            await store._records.restoreWithChildren(change.model, change.recordId, change.theirs ?? {});
            store._conflicts.resolve(change.id);
            return change.model === 'Site'
              ? 'The site is back with its jobs, and will sync.'
              : 'The job is back with its notes, and will sync.';
          });
        }
        return act(change, async () => {
          if (change.operation === 'delete') {
            await store._records.remove(change.model, change.recordId);
            store._conflicts.resolve(change.id);
            return `The ${modelLabel(change.model)} is deleted, and the deletion will sync.`;
          }
          // A replaced list holds the server's list with the user's edit done again: done again to
          // the list as it is now, it keeps what other devices changed since the entry was filed.
          const from = change.kind === 'replaced' ? (change.theirs ?? undefined) : undefined;
          await store._records.apply(change.model, change.recordId, change.mine, from);
          store._conflicts.resolve(change.id);
          return `Your version of the ${modelLabel(change.model)} is saved and will sync.`;
        });
      },
      saveMerged(change: ChangeToReview, fields: FieldValues): Promise<void> {
        return act(change, async () => {
          await store._records.apply(change.model, change.recordId, fields);
          const restored = await restoreTaken(change);
          store._conflicts.resolve(change.id);
          return `The merged ${modelLabel(change.model)} is saved and will sync.${restored}`;
        });
      },
      /** A refused delete's children back, the refusal accepted. */
      restoreChildren(change: ChangeToReview): Promise<void> {
        return act(change, async () => {
          const restored = await restoreTaken(change);
          store._conflicts.resolve(change.id);
          return `${restored.trim()} ${change.children?.length === 1 ? 'It' : 'They'} will sync.`;
        });
      },
      takeTheirs(change: ChangeToReview): Promise<void> {
        if (change.kind === 'orphaned') {
          return act(change, async () => {
            await store._records.discardChildrenOf(change.model, change.recordId);
            store._conflicts.resolve(change.id);
            return change.model === 'Site' ? 'The jobs are discarded.' : 'The notes are discarded.';
          });
        }
        return act(change, async () => {
          // Only a conflict's choice keeps the parent; a refused delete's "Discard" lets its children go.
          const restored = change.kind === 'conflict' ? await restoreTaken(change) : '';
          store._conflicts.resolve(change.id);
          return `Kept the server’s version of the ${modelLabel(change.model)}.${restored}`;
        });
      },
      retry(change: ChangeToReview): Promise<void> {
        return act(change, async () => settleResend(store._conflicts, change, await store._resender.resend(change)));
      },
      _connect: rxMethod<void>(
        switchMap(() =>
          store._conflicts.watch().pipe(
            tapResponse({
              next: (changes) => patchState(store, { changes }),
              error: (error: unknown) => patchState(store, { error: String(error) }),
            }),
            // Names and authors are extras: an entry shows at once, and gains them when they are read.
            switchMap((changes) => Promise.all(changes.map((change) => contextOf(change)))),
            tapResponse({
              next: (loaded) => patchState(store, { contexts: Object.fromEntries(loaded) }),
              error: () => undefined,
            }),
          ),
        ),
      ),
    };
  }),
  withHooks({
    onInit(store) {
      store._connect();
    },
  }),
);
