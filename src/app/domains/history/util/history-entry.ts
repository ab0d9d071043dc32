import { type ChangeLogEntry } from '../../../../models';

/** One field of one saved change: what it was on the saving device, and what it became. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * Whether the server has the change: `saved` once it does (or as far as this device knows),
 * `waiting` while it is queued on this device, `refused` when the server kept other values and
 * the change waits for review here, `not-in-force` when the record as synced holds other values
 * (another device's change the server did not keep, or one replaced without a history entry).
 */
export type ChangeOutcome = 'saved' | 'waiting' | 'refused' | 'not-in-force';

/** A saved change to a record, as its history shows it. */
export interface HistoryEntry {
  readonly id: string;
  readonly operation: string;
  readonly savedAt: string;
  readonly author: string | null;
  readonly device: string | null;
  readonly changes: readonly FieldChange[];
  readonly outcome: ChangeOutcome;
  /** For a refused change or one not in force, the fields whose values the server did not keep. */
  readonly notKept?: readonly string[];
}

export function toHistoryEntry(entry: ChangeLogEntry): HistoryEntry {
  const fields = parseObject(entry.fields);
  const previous = parseObject(entry.previous);
  return {
    id: entry.id,
    operation: entry.operation,
    savedAt: entry.savedAt,
    author: entry.author ?? null,
    device: entry.device ?? null,
    changes: Object.entries(fields).map(([field, to]) => ({ field, from: previous[field] ?? null, to })),
    outcome: 'saved',
  };
}

/** Newest first; entries saved in the same millisecond keep a stable order. */
export function newestFirst(a: HistoryEntry, b: HistoryEntry): number {
  return b.savedAt.localeCompare(a.savedAt) || b.id.localeCompare(a.id);
}

/** AWSJSON as DataStore hands it over: usually a JSON string, already an object in some paths. */
function parseObject(json: unknown): Readonly<Record<string, unknown>> {
  try {
    const parsed: unknown = typeof json === 'string' ? JSON.parse(json) : (json ?? {});
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
