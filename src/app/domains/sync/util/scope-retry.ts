import { changeOperation } from './change-to-review';

/** The fields that place a record in a crew (shared/data/crew-move.ts writes them). */
const SCOPE_FIELDS = ['crewID', 'crewGroup', 'previousCrewGroup'] as const;

type Fields = Readonly<Record<string, unknown>>;

/** The update DataStore sends again: the move alone, on the server's version of the record. */
export type ScopeRetry = Readonly<Record<string, unknown>> & { readonly id: string; readonly _version: unknown };

/**
 * A move to another crew that met a newer version on the server (someone edited the record
 * meanwhile). Its handover is queued behind it and goes whatever the answer: were the move
 * discarded, the old crew's devices would evict a record that is still theirs, with no change to
 * bring it back. So the move is sent again on the server's version, its scope fields alone; the
 * other edits are the server's, and the user's own are filed for review as for any conflict.
 * Null when the change moves nothing, or the record is gone from the server.
 */
export function scopeRetry(conflict: {
  readonly localModel: object;
  readonly remoteModel: object;
  readonly operation: string;
}): ScopeRetry | null {
  const local = conflict.localModel as Fields;
  const remote = conflict.remoteModel as Fields;
  if (changeOperation(conflict.operation) !== 'update' || remote['_deleted']) return null;
  if (local['crewID'] === undefined || (local['crewID'] ?? null) === (remote['crewID'] ?? null)) return null;
  const scope = Object.fromEntries(
    SCOPE_FIELDS.filter((field) => local[field] !== undefined).map((f) => [f, local[f]]),
  );
  return { ...scope, id: String(local['id']), _version: remote['_version'] };
}

/** A change's fields without the scope a retried move already takes to the server. */
export function withoutScope<T extends Fields>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([field]) => !(SCOPE_FIELDS as readonly string[]).includes(field)),
  ) as Partial<T>;
}
