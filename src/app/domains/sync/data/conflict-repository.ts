import { DestroyRef, inject, Injectable } from '@angular/core';
import { BehaviorSubject, type Observable } from 'rxjs';

import { type ChangeRecord } from '../util/change-record';

export const CONFLICTS_STORAGE_KEY = 'fieldbook.syncConflicts';

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
export class ConflictRepository {
  private readonly records = new BehaviorSubject<readonly ChangeRecord[]>(readStored());

  constructor() {
    // The browser tells a tab about other tabs' localStorage writes only through this event
    // (key null: another tab cleared all of localStorage).
    const followOtherTabs = (event: StorageEvent): void => {
      if (event.storageArea !== localStorage) return;
      if (event.key !== CONFLICTS_STORAGE_KEY && event.key !== null) return;
      this.records.next(parseRecords(event.newValue));
    };
    window.addEventListener('storage', followOtherTabs);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', followOtherTabs));
  }

  watch(): Observable<readonly ChangeRecord[]> {
    return this.records.asObservable();
  }

  all(): readonly ChangeRecord[] {
    return this.records.value;
  }

  /** Adds a record, folding it into an open one for the same record so the user decides once. */
  record(entry: ChangeRecord): void {
    const stored = readStored();
    const existing = stored.find((r) => r.model === entry.model && r.recordId === entry.recordId);
    const merged = existing
      ? {
          ...entry,
          id: existing.id,
          mine: { ...existing.mine, ...entry.mine },
          theirs: entry.theirs ?? existing.theirs,
        }
      : entry;
    this.write([...stored.filter((r) => r !== existing), merged]);
  }

  replace(entry: ChangeRecord): void {
    this.write(readStored().map((r) => (r.id === entry.id ? entry : r)));
  }

  resolve(id: string): void {
    this.write(readStored().filter((r) => r.id !== id));
  }

  clear(): void {
    this.write([]);
  }

  private write(records: readonly ChangeRecord[]): void {
    localStorage.setItem(CONFLICTS_STORAGE_KEY, JSON.stringify(records));
    this.records.next(records);
  }
}

function readStored(): readonly ChangeRecord[] {
  return parseRecords(localStorage.getItem(CONFLICTS_STORAGE_KEY));
}

/** Anything unreadable counts as an empty list rather than breaking the app at start-up. */
function parseRecords(json: string | null): readonly ChangeRecord[] {
  try {
    const parsed: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(parsed) ? (parsed as ChangeRecord[]) : [];
  } catch {
    return [];
  }
}
