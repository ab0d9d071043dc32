import { z } from 'zod';

import type { Caller } from '../auth/caller.ts';
import { notAuthorized } from '../auth/model-authorizer.ts';
import type { ChildRelation } from '../schema/model-info.ts';
import { modelForField } from '../schema/model-info.ts';
import { storageKey } from '../schema/model-keys.ts';
import type { DataContext } from './data-context.ts';
import { AppSyncError } from './errors.ts';
import { checkFilter, type Filter, matchesFilter } from './filter.ts';
import { keyQueryPage } from './key-query.ts';
import { argumentsHash, checkedLimit, type Connection, pageToken, readPageToken } from './page-limits.ts';
import { syncRead } from './sync-plan.ts';

export type { Connection } from './page-limits.ts';

interface PageArgs {
  filter?: Filter | null;
  limit?: number | null;
  nextToken?: string | null;
  lastSync?: number | null;
}

// A pagination run is pinned to its start: same startedAt, lastSync and filter on every page.
const tokenSchema = z.object({
  c: z.number().int().nonnegative(),
  s: z.number().int().nullable(),
  l: z.number().nullable(),
  f: z.string(),
});

/** The client's filter narrowed to the records the caller may read (null: all of them). */
function withScope(args: Record<string, unknown>, scope: Filter | null): Record<string, unknown> {
  if (!scope) return args;
  const filter = args['filter'] as Filter | null | undefined;
  return { ...args, filter: filter ? { and: [scope, filter] } : scope };
}

/**
 * The records of `model` a caller may read with `operation` (null: all; no caller: a read of the
 * server's own), or AppSync's refusal of `field` on `type`.
 */
export function scopeFor(
  ctx: DataContext,
  caller: Caller | undefined,
  model: string,
  operation: 'get' | 'list' | 'sync',
  refusal: () => Error,
): Filter | null {
  if (!caller) return null;
  const scope = ctx.authorizer.readScope(caller, model, operation);
  if (scope === undefined) throw refusal();
  return scope;
}

function readPage(ctx: DataContext, model: string, args: PageArgs, sync: boolean, scope: Filter | null): Connection {
  const limit = checkedLimit(args.limit);
  const token = readPageToken(
    args.nextToken,
    tokenSchema,
    (t) => t.f === argumentsHash(args.filter) && t.l === (args.lastSync ?? null),
  );
  // Captured before reading, so a delta sync from it cannot miss a write made during this run.
  const startedAt = sync ? (token?.s ?? ctx.store.now()) : null;
  const lastSync = args.lastSync ?? 0;
  const delta = sync && startedAt !== null && lastSync > 0 && lastSync >= startedAt - ctx.tombstoneRetentionMs;
  const info = ctx.models.get(model);
  const read = sync && startedAt !== null && info ? syncRead(info, args, scope, startedAt) : undefined;
  const page = { afterSeq: token?.c ?? 0, limit: limit + 1, ...(delta ? { changedSince: lastSync } : {}) };
  // As a DynamoDB Query counts only the partition's items against `limit`, a scan every item.
  const rows =
    read?.kind === 'query'
      ? ctx.store.partition(model, read.field, read.value, page)
      : ctx.store.scan(model, page.afterSeq, page.limit, page.changedSince);
  const scanned = rows.slice(0, limit);
  const last = scanned.at(-1);
  // As with AppSync's scan, limit applies before the filter: short pages with a token are normal.
  return {
    items: scanned
      .map((row) => row.record)
      .filter((record) => matchesFilter(record, args.filter) && (!scope || matchesFilter(record, scope))),
    nextToken:
      rows.length > limit && last
        ? pageToken({ c: last.seq, s: startedAt, l: args.lastSync ?? null, f: argumentsHash(args.filter) })
        : null,
    startedAt,
  };
}

/** A root query for `caller` (none: the server's own read, unchecked), as the model's resolvers run it. */
export function runQuery(ctx: DataContext, fieldName: string, args: Record<string, unknown>, caller?: Caller): unknown {
  const refusal = () => notAuthorized(fieldName, 'Query');
  const get = modelForField(ctx.models, fieldName, /^get(\w+)$/);
  if (get) {
    const scope = scopeFor(ctx, caller, get.name, 'get', refusal);
    const record = ctx.store.get(get.name, storageKey(get.primaryKey, args)) ?? null;
    // A record the caller may not read is refused, not reported missing.
    if (record && scope && !matchesFilter(record, scope)) throw refusal();
    return record;
  }
  checkFilter(args['filter'] as Filter | null | undefined, 'filter');
  const sync = modelForField(ctx.models, fieldName, /^sync(\w+)$/);
  if (sync) return readPage(ctx, sync.name, args, true, scopeFor(ctx, caller, sync.name, 'sync', refusal));
  for (const model of ctx.models.values()) {
    const query = model.keyQueries.find((q) => q.field === fieldName);
    if (!query) continue;
    const scope = scopeFor(ctx, caller, model.name, 'list', refusal);
    return (
      keyQueryPage(ctx, model.name, query, withScope(args, scope)) ?? readPage(ctx, model.name, args, false, scope)
    );
  }
  throw new AppSyncError(`Unsupported query ${fieldName}`, 'UnsupportedOperation');
}

/**
 * The children of `parent` along a hasMany relation: a query of the child's index, as AppSync runs it
 * (sort key order, `limit` 100 unless given, the field's own key condition and filter).
 */
export function childConnection(
  ctx: DataContext,
  relation: ChildRelation,
  parent: Record<string, unknown>,
  args: Record<string, unknown>,
  reader: { caller: Caller | undefined; parentType: string },
): Connection {
  checkFilter(args['filter'] as Filter | null | undefined, 'filter');
  const scope = scopeFor(ctx, reader.caller, relation.target, 'list', () =>
    notAuthorized(relation.field, reader.parentType),
  );
  const key = parent[relation.parentKey];
  const index = ctx.models.get(relation.target)?.keyQueries.find((query) => query.hashKey === relation.foreignKey);
  const connection =
    (typeof key === 'string' || typeof key === 'number') && index
      ? keyQueryPage(ctx, relation.target, index, withScope({ ...args, [relation.foreignKey]: key }, scope))
      : undefined;
  return connection ?? { items: [], nextToken: null, startedAt: null };
}
