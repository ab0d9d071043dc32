import { type HistoryEntry } from '../../history/api';

/** What a change to review refers to, in words a person knows, and who made the server's copy. */
export interface ChangeContext {
  /** Record id → its name or title, for fields that hold another record's id. */
  readonly names: Readonly<Record<string, string>>;
  /** The newest saved change from the record's history that gave a field the server's value. */
  readonly changedBy: HistoryEntry | null;
}
