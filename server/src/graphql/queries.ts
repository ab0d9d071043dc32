import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { StoredRecord } from '../store/sqlite-store.ts';
import { type DataContext, modelForField } from './data-context.ts';
import { AppSyncError } from './errors.ts';
import { type Filter, matchesFilter } from './filter.ts';

interface PageArgs {
  filter?: Filter | null;
  limit?: number | null;
  nextToken?: string | null;
  lastSync?: number | null;
}

export interface Connection {
  items: StoredRecord[];
  nextToken: string | null;
  startedAt: number | null;
}

// A pagination run is pinned to its start: same startedAt, lastSync and filter on every page.
const tokenSchema = z.object({
  c: z.number().int().nonnegative(),
  s: z.number().int().nullable(),
  l: z.number().nullable(),
  f: z.string(),
});
type Token = z.infer<typeof tokenSchema>;

const DEFAULT_LIMIT = 100;
// The app syncs in pages of 10,000 (datastore-setup.ts SYNC_PAGE_SIZE).
const MAX_LIMIT = 10_000;

function filterHash(filter: Filter | null | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(filter ?? null))
    .digest('base64url')
    .slice(0, 16);
}

function readToken(raw: string | null | undefined, args: PageArgs): Token | undefined {
  if (raw === null || raw === undefined) return undefined;
  try {
    const token = tokenSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (token.f === filterHash(args.filter) && token.l === (args.lastSync ?? null)) return token;
  } catch {
    // reported below
  }
  throw new AppSyncError('The nextToken is invalid or belongs to a different query.', 'BadRequestException');
}

function page(ctx: DataContext, model: string, args: PageArgs, sync: boolean): Connection {
  const limit = args.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AppSyncError(`limit must be between 1 and ${MAX_LIMIT}`, 'BadRequestException');
  }
  const token = readToken(args.nextToken, args);
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
        ? Buffer.from(
            JSON.stringify({ c: last.seq, s: startedAt, l: args.lastSync ?? null, f: filterHash(args.filter) }),
          ).toString('base64url')
        : null,
    startedAt,
  };
}

export function runQuery(ctx: DataContext, fieldName: string, args: Record<string, unknown>): unknown {
  const get = modelForField(ctx.models, fieldName, /^get(\w+)$/);
  if (get) return ctx.store.get(get.name, String(args['id'])) ?? null;
  const sync = modelForField(ctx.models, fieldName, /^sync(\w+)$/);
  if (sync) return page(ctx, sync.name, args, true);
  const list = modelForField(ctx.models, fieldName, /^list(\w+)$/);
  if (list) return page(ctx, list.name, args, false);
  for (const model of ctx.models.values()) {
    for (const relation of model.hasMany) {
      const child = ctx.models.get(relation.target);
      const key = args[relation.foreignKey];
      if (
        child &&
        typeof key === 'string' &&
        fieldName.startsWith(child.plural.charAt(0).toLowerCase() + child.plural.slice(1) + 'By')
      ) {
        return childConnection(ctx, relation.target, relation.foreignKey, key, args['filter'] as Filter | null);
      }
    }
  }
  throw new AppSyncError(`Unsupported query ${fieldName}`, 'UnsupportedOperation');
}

export function childConnection(
  ctx: DataContext,
  model: string,
  foreignKey: string,
  parentId: string,
  filter: Filter | null | undefined,
): Connection {
  const items = ctx.store.byField(model, foreignKey, parentId).filter((record) => matchesFilter(record, filter));
  return { items, nextToken: null, startedAt: null };
}
