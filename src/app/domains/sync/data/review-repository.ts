import { DestroyRef, inject, Injectable } from '@angular/core';
import { BehaviorSubject, type Observable } from 'rxjs';
import * as z from 'zod/mini';

import { UNKNOWN_MODEL } from '../../shared/util/model-names';
import { type ChangeToReview } from '../util/change-to-review';
import { fileForReview } from '../util/review-list';

/** Where the changes to review are kept; the key's name predates the name and stays, so devices keep their list. */
export const REVIEW_STORAGE_KEY = 'fieldbook.syncConflicts';

/**
 * Changes waiting for the user's review, kept in localStorage so they survive a reload or a
 * crash. This is sync state about the user's own input, not a second copy of the entities:
 * DataStore already holds the server's version.
 *
 * Every tab of the browser profile shares this list. So that one tab never writes back a stale
 * copy over another's change, each change starts from what is stored, not from this tab's copy;
 * and other tabs' writes are followed live, so every tab shows the same list.
 */
@Injectable({ providedIn: 'root' })
export class ReviewRepository {
  private readonly records = new BehaviorSubject<readonly ChangeToReview[]>(readStored());

  constructor() {
    // The browser tells a tab about other tabs' localStorage writes only through this event
    // (key null: another tab cleared all of localStorage).
    const followOtherTabs = (event: StorageEvent): void => {
      if (event.storageArea !== localStorage) return;
      if (event.key !== REVIEW_STORAGE_KEY && event.key !== null) return;
      this.records.next(parseRecords(event.newValue));
    };
    window.addEventListener('storage', followOtherTabs);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', followOtherTabs));
  }

  watch(): Observable<readonly ChangeToReview[]> {
    return this.records.asObservable();
  }

  all(): readonly ChangeToReview[] {
    return this.records.value;
  }

  /** Adds a record, folding it into an open one for the same record so the user decides once. */
  record(entry: ChangeToReview): void {
    this.write(fileForReview(readStored(), entry));
  }

  replace(entry: ChangeToReview): void {
    this.write(readStored().map((r) => (r.id === entry.id ? entry : r)));
  }

  resolve(id: string): void {
    this.write(readStored().filter((r) => r.id !== id));
  }

  clear(): void {
    this.write([]);
  }

  private write(records: readonly ChangeToReview[]): void {
    localStorage.setItem(REVIEW_STORAGE_KEY, JSON.stringify(records));
    this.records.next(records);
  }
}

function readStored(): readonly ChangeToReview[] {
  return parseRecords(localStorage.getItem(REVIEW_STORAGE_KEY));
}

const fields = z.record(z.string(), z.unknown());

/**
 * One stored entry. Only what addresses it is required; a damaged or older entry keeps what the
 * user typed and is shown with defaults for the rest, never dropped for a missing detail.
 */
const storedChange = z.object({
  id: z.string(),
  recordId: z.string(),
  kind: z.catch(z.enum(['conflict', 'failed', 'replaced', 'orphaned']), 'failed'),
  model: z.catch(z.string(), UNKNOWN_MODEL),
  operation: z.catch(z.enum(['create', 'update', 'delete']), 'update'),
  mine: z.catch(fields, {}),
  theirs: z.catch(z.nullable(fields), null),
  changed: z.catch(z.optional(z.array(z.string())), undefined),
  reason: z.catch(z.string(), ''),
  at: z.catch(z.number(), 0),
  label: z.catch(z.optional(z.string()), undefined),
  children: z.catch(
    z.optional(z.array(z.object({ model: z.string(), id: z.string(), fields, unsent: z.boolean() }))),
    undefined,
  ),
});

/** Anything unreadable counts as an empty list rather than breaking the app at start-up. */
function parseRecords(json: string | null): readonly ChangeToReview[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    const result = storedChange.safeParse(entry);
    return result.success ? [result.data] : [];
  });
}
