import { performance } from 'node:perf_hooks';

import type { BenchServer } from '../lib/accounts.ts';
import { graphql, SYNC_JOBS } from '../lib/server.ts';

export interface BaseSyncRun {
  records: number;
  pages: number;
  ms: number;
  recordsPerSecond: number;
}

/** One full base sync of Job as DataStore runs it: `lastSync: 0`, pages of `pageSize`, until nextToken is null. */
export async function baseSyncRun(server: BenchServer, pageSize: number, expected: number): Promise<BaseSyncRun> {
  let nextToken: string | null = null;
  let records = 0;
  let pages = 0;
  const started = performance.now();
  do {
    const result = await graphql(server, SYNC_JOBS, { limit: pageSize, nextToken, lastSync: 0, filter: null });
    const connection = result.data?.['syncJobs'] as { items: unknown[]; nextToken: string | null } | undefined;
    if (!connection || result.errors) throw new Error(`syncJobs failed: ${JSON.stringify(result.errors)}`);
    records += connection.items.length;
    pages++;
    nextToken = connection.nextToken;
  } while (nextToken !== null);
  const ms = performance.now() - started;
  if (records !== expected) throw new Error(`base sync returned ${records} records, expected ${expected}`);
  return { records, pages, ms, recordsPerSecond: (records / ms) * 1000 };
}
