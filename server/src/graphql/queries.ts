import { z } from 'zod';

import type { ChildRelation } from '../schema/model-info.ts';
import { modelForField } from '../schema/model-info.ts';
import { storageKey } from '../schema/model-keys.ts';
import type { DataContext } from './data-context.ts';
import { AppSyncError } from './errors.ts';
import { checkFilter, type Filter, matchesFilter } from './filter.ts';
import { keyQueryPage } from './key-query.ts';
import { argumentsHash, checkedLimit, type Connection, pageToken, readPageToken } from './page-limits.ts';

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

function page(ctx: DataContext, model: string, args: PageArgs, sync: boolean): Connection {
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
  const rows = ctx.store.scan(model, token?.c ?? 0, limit + 1, delta ? lastSync : undefined);
  const scanned = rows.slice(0, limit);
  const last = scanned.at(-1);
  // As with AppSync's scan, limit applies before the filter: short pages with a token are normal.
  return {
    items: scanned.map((row) => row.record).filter((record) => matchesFilter(record, args.filter)),
    nextToken:
      rows.length > limit && last
        ? pageToken({ c: last.seq, s: startedAt, l: args.lastSync ?? null, f: argumentsHash(args.filter) })
        : null,
    startedAt,
  };
}

export function runQuery(ctx: DataContext, fieldName: string, args: Record<string, unknown>): unknown {
  const get = modelForField(ctx.models, fieldName, /^get(\w+)$/);
  if (get) return ctx.store.get(get.name, storageKey(get.primaryKey, args)) ?? null;
  checkFilter(args['filter'] as Filter | null | undefined, 'filter');
  const sync = modelForField(ctx.models, fieldName, /^sync(\w+)$/);
  if (sync) return page(ctx, sync.name, args, true);
  for (const model of ctx.models.values()) {
    const query = model.keyQueries.find((q) => q.field === fieldName);
    if (query) return keyQueryPage(ctx, model.name, query, args) ?? page(ctx, model.name, args, false);
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
): Connection {
  checkFilter(args['filter'] as Filter | null | undefined, 'filter');
  const key = parent[relation.parentKey];
  const index = ctx.models.get(relation.target)?.keyQueries.find((query) => query.hashKey === relation.foreignKey);
  const connection =
    (typeof key === 'string' || typeof key === 'number') && index
      ? keyQueryPage(ctx, relation.target, index, { ...args, [relation.foreignKey]: key })
      : undefined;
  return connection ?? { items: [], nextToken: null, startedAt: null };
}
