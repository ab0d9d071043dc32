import { Injectable } from '@angular/core';
import { BehaviorSubject, type Observable } from 'rxjs';

import { type ChangeRecord } from '../util/change-record';

export const CONFLICTS_STORAGE_KEY = 'fieldbook.syncConflicts';

/**
 * Changes waiting for the user's review, kept in localStorage so they survive a reload or a
 * crash. This is sync state about the user's own input, not a second copy of the entities:
 * DataStore already holds the server's version.
 */
@Injectable({ providedIn: 'root' })
export class ConflictRepository {
  private readonly records = new BehaviorSubject<readonly ChangeRecord[]>(readStored());

  watch(): Observable<readonly ChangeRecord[]> {
    return this.records.asObservable();
  }

  all(): readonly ChangeRecord[] {
    return this.records.value;
  }

  /** Adds a record, folding it into an open one for the same record so the user decides once. */
  record(entry: ChangeRecord): void {
    const existing = this.records.value.find((r) => r.model === entry.model && r.recordId === entry.recordId);
    const merged = existing
      ? {
          ...entry,
          id: existing.id,
          mine: { ...existing.mine, ...entry.mine },
          theirs: entry.theirs ?? existing.theirs,
        }
      : entry;
    this.write([...this.records.value.filter((r) => r !== existing), merged]);
  }

  replace(entry: ChangeRecord): void {
    this.write(this.records.value.map((r) => (r.id === entry.id ? entry : r)));
  }

  resolve(id: string): void {
    this.write(this.records.value.filter((r) => r.id !== id));
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
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(CONFLICTS_STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as ChangeRecord[]) : [];
  } catch {
    return [];
  }
}
