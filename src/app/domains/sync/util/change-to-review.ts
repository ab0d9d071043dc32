import { sameValue } from '../../shared/util/changed-fields';
import { type TakenChild } from '../../shared/util/deleted-with';

/** Field values of one record, as plain JSON-safe data (what the user typed, or the server's copy). */
export type FieldValues = Readonly<Record<string, unknown>>;

export type ChangeOperation = 'create' | 'update' | 'delete';

/** DataStore names operations INSERT/UPDATE/DELETE in its handlers and Create/Update/Delete in its outbox. */
const OPERATIONS: Readonly<Record<string, ChangeOperation>> = {
  INSERT: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  Create: 'create',
  Update: 'update',
  Delete: 'delete',
};

/** A DataStore operation in the app's words; an update when DataStore's name is unknown. */
export function changeOperation(operation: string | undefined): ChangeOperation {
  return (operation && OPERATIONS[operation]) || 'update';
}

/**
 * A change the server did not accept as sent. Kept on the device until the user decides, so
 * nothing they typed disappears silently.
 * - `conflict`: the server holds a newer version (rejected under optimistic concurrency or by the
 *   job conflict rule); DataStore moved on with the server's copy.
 * - `failed`: DataStore dropped the change after an error (e.g. the server was unreachable).
 * - `replaced`: the server accepted the change but its merge kept another device's value for
 *   some of the fields (a later edit of the same field, or Auto Merge keeping the server's).
 * - `orphaned`: a job (or site) was deleted elsewhere while this device still holds notes (or
 *   jobs) added to it; `recordId` is the deleted parent, `theirs` its last fields, `mine.notes`
 *   the notes' text (`mine.jobs` the jobs' titles).
 */
export interface ChangeToReview {
  readonly id: string;
  readonly kind: 'conflict' | 'failed' | 'replaced' | 'orphaned';
  readonly model: string;
  readonly recordId: string;
  readonly operation: ChangeOperation;
  /** The fields the user changed, with the values they chose. */
  readonly mine: FieldValues;
  /** The server's copy when it is known. */
  readonly theirs: FieldValues | null;
  /**
   * Which fields of `mine` the user changed, when `mine` is the whole record so that keeping it can
   * add a deleted record back: the rest is the record as the device had it, and with no server copy
   * (or none left) nothing else tells the two apart.
   */
  readonly changed?: readonly string[];
  readonly reason: string;
  readonly at: number;
  /** The record's name or title on this device when the change was kept, to tell entries apart. */
  readonly label?: string;
  /**
   * For a refused delete of a job or a site: the records it took with it on this device (its notes,
   * its jobs and their notes), which keeping the parent brings back (shared/util/deleted-with.ts).
   */
  readonly children?: readonly TakenChild[];
}

// Edit times are bookkeeping for the conflict rule: each save stamps its own.
const META_FIELDS = new Set([
  'id',
  '_version',
  '_lastChangedAt',
  '_deleted',
  'createdAt',
  'updatedAt',
  '__typename',
  'fieldEditedAt',
]);

/** The user-editable fields of a model instance or mutation input; `undefined` means "not part of it". */
export function userFields(source: object | null | undefined): FieldValues {
  if (!source) return {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (META_FIELDS.has(key) || value === undefined || typeof value === 'function') continue;
    fields[key] = toPlain(value);
  }
  return fields;
}

/** The fields the user changed, each with both values, and whether they differ. */
/** The user-editable fields of a queued mutation's JSON; nothing when it cannot be read. */
export function fieldsFromJson(json: string): FieldValues {
  try {
    return userFields(JSON.parse(json) as object);
  } catch {
    return {};
  }
}

export interface FieldComparison {
  readonly field: string;
  readonly mine: unknown;
  readonly theirs: unknown;
  readonly differs: boolean;
}

export function compareFields(record: ChangeToReview): readonly FieldComparison[] {
  return Object.keys(record.mine).map((field) => {
    const mine = record.mine[field];
    const theirs = record.theirs ? record.theirs[field] : undefined;
    return { field, mine, theirs, differs: record.theirs !== null && !sameValue(mine, theirs) };
  });
}

function toPlain(value: unknown): unknown {
  return value === null ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export { recordLabel } from '../../shared/util/model-names';
