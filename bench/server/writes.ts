import { performance } from 'node:perf_hooks';

import { graphql, UPDATE_JOB } from '../lib/server.ts';
import { percentile } from '../lib/stats.ts';

export interface WritesRun {
  mutations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  conflicts: number;
  rejected: number;
  errors: number;
}

/**
 * `writers` clients update a small shared set of jobs as fast as the server acknowledges, each
 * sending the `_version` it last saw (as DataStore's outbox does). Whenever another writer got
 * there first the version is stale and the server's conflict handling runs: Job's LAMBDA handler
 * merges (a conflict) or rejects (ConflictUnhandled, then the writer adopts the server version).
 */
export async function writesRun(
  baseUrl: string,
  jobIds: readonly string[],
  writers: number,
  durationMs: number,
): Promise<WritesRun> {
  const latencies: number[] = [];
  let conflicts = 0;
  let rejected = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const writer = async (w: number) => {
    const versions = new Map<string, number>();
    for (let i = 0; performance.now() < deadline; i++) {
      const id = jobIds[(i * 7 + w * 13) % jobIds.length] as string;
      const sent = versions.get(id) ?? 1;
      const begin = performance.now();
      const result = await graphql(baseUrl, UPDATE_JOB, {
        input: { id, _version: sent, assignee: `writer-${w}`, description: `edit ${i} by writer ${w}` },
        condition: null,
      });
      latencies.push(performance.now() - begin);
      const item = result.data?.['updateJob'] as { _version: number } | null | undefined;
      const error = result.errors?.[0];
      if (item && !error) {
        if (item._version !== sent + 1) conflicts++;
        versions.set(id, item._version);
      } else if (error?.errorType === 'ConflictUnhandled' && error.data) {
        conflicts++;
        rejected++;
        versions.set(id, error.data['_version'] as number);
      } else {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  const elapsed = performance.now() - started;
  return {
    mutations: latencies.length,
    perSecond: (latencies.length / elapsed) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    conflicts,
    rejected,
    errors,
  };
}
