import { createHash } from 'node:crypto';

import type { z } from 'zod';

import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../limits.ts';
import type { StoredRecord } from '../store/sqlite-store.ts';
import { AppSyncError } from './errors.ts';

/** A page of a list, sync or key query, as `Model<Type>Connection`. */
export interface Connection {
  items: StoredRecord[];
  nextToken: string | null;
  startedAt: number | null;
}

/** The page size a query asked for, or AppSync's default of 100. */
export function checkedLimit(raw: unknown): number {
  const limit = raw ?? DEFAULT_PAGE_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new AppSyncError(`limit must be between 1 and ${MAX_PAGE_LIMIT}`, 'BadRequestException');
  }
  return limit;
}

/** A short digest of query arguments, kept in a nextToken so it only continues the query it came from. */
export function argumentsHash(args: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(args ?? null))
    .digest('base64url')
    .slice(0, 16);
}

/** A nextToken for `state`: opaque to the client, read back by readPageToken. */
export function pageToken(state: unknown): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

/**
 * The state a nextToken carries, or undefined on a first page. A token that does not parse, or was
 * made for other arguments (`belongs`), is refused as AppSync refuses it.
 */
export function readPageToken<T>(raw: unknown, schema: z.ZodType<T>, belongs: (token: T) => boolean): T | undefined {
  if (raw === null || raw === undefined) return undefined;
  try {
    const token = schema.parse(JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8')));
    if (belongs(token)) return token;
  } catch {
    // reported below
  }
  throw new AppSyncError('The nextToken is invalid or belongs to a different query.', 'BadRequestException');
}
