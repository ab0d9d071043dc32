import type { ModelInfo } from '../schema/model-info.ts';
import type { Filter } from './filter.ts';

/** How a sync page is read: one partition of an `@index` (a DynamoDB Query), or the model's rows (a Scan). */
export type SyncRead = { kind: 'query'; field: string; value: string | number } | { kind: 'scan' };

/** AppSync keeps deltas this long (the delta table's TTL); a later `lastSync` is served from them, by Scan. */
export const DELTA_WINDOW_MS = 30 * 60 * 1000;

const SCAN: SyncRead = { kind: 'scan' };

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The partition key a sync filter names as AppSync's sync resolver finds it: an `eq` of the first
 * `and` term on the partition key of an index (the last such entry wins, as the resolver's loop
 * leaves it), with the sort keys of that index.
 */
function keyTerm(model: ModelInfo, filter: Filter | null | undefined) {
  const terms = filter?.['and'];
  const first: unknown = Array.isArray(terms) ? terms[0] : undefined;
  if (!first || typeof first !== 'object') return undefined;
  let found: { field: string; value: unknown; sortKeys: readonly string[] } | undefined;
  for (const [field, condition] of Object.entries(first as Filter)) {
    const value = (condition as Filter | null)?.['eq'];
    // The resolver keeps the index registered last for a partition key.
    const index = model.keyQueries.findLast((query) => query.hashKey === field);
    if (!isEmpty(value) && index) found = { field, value, sortKeys: index.sortKeys };
  }
  return found;
}

/**
 * How AppSync reads a sync page (the index transformer's `setSyncQueryFilterSnippet` and the model
 * transformer's `generateSyncRequestTemplate`): a Query of the index partition the filter's first `and`
 * term names with `eq`, unless `lastSync` is inside the delta window, or the caller's `authFilter`
 * (`scope`) names that partition key without being exactly that `eq`, or names one of its sort keys.
 */
export function syncRead(
  model: ModelInfo,
  args: { filter?: Filter | null; lastSync?: number | null },
  scope: Filter | null,
  now: number,
): SyncRead {
  const lastSync = args.lastSync ?? 0;
  if (lastSync !== 0 && now - DELTA_WINDOW_MS <= lastSync) return SCAN;
  const key = keyTerm(model, args.filter);
  if (!key || (typeof key.value !== 'string' && typeof key.value !== 'number')) return SCAN;
  const query: SyncRead = { kind: 'query', field: key.field, value: key.value };
  const terms = Array.isArray(scope?.['or']) ? (scope['or'] as Filter[]) : [];
  if (!scope) return query;
  if (terms.some((term) => key.field in term)) {
    const exact = JSON.stringify({ [key.field]: { eq: key.value } });
    return terms.some((term) => JSON.stringify(term) === exact) ? query : SCAN;
  }
  return terms.some((term) => key.sortKeys.some((sortKey) => sortKey in term)) ? SCAN : query;
}
