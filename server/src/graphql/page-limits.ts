import { createHash } from 'node:crypto';

import type { StoredRecord } from '../store/sqlite-store.ts';
import { AppSyncError } from './errors.ts';

/** A page of a list, sync or key query, as `Model<Type>Connection`. */
export interface Connection {
  items: StoredRecord[];
  nextToken: string | null;
  startedAt: number | null;
}

const DEFAULT_LIMIT = 100;
// The app syncs in pages of 10,000 (datastore-setup.ts SYNC_PAGE_SIZE).
const MAX_LIMIT = 10_000;

/** The page size a query asked for, or AppSync's default of 100. */
export function checkedLimit(raw: unknown): number {
  const limit = raw ?? DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AppSyncError(`limit must be between 1 and ${MAX_LIMIT}`, 'BadRequestException');
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
