/**
 * What a DataStore that does not stop or start in time is still waiting for: the descriptions of
 * the jobs its background process managers hold (DataStore's own, the sync engine's and each
 * processor's). Fields are private to DataStore, so they are read loosely; missing ones are skipped.
 */
interface ProcessManager {
  pending?: (string | undefined)[];
  state?: string;
}
type Loose = Record<string, unknown> | undefined;

function describe(name: string, holder: Loose): string | undefined {
  const manager = holder?.['runningProcesses'] as ProcessManager | undefined;
  if (!manager) return undefined;
  const pending = (manager.pending ?? []).map((description) => description ?? '(a job with no name)');
  return `${name} ${manager.state ?? '?'} [${pending.join('; ')}]`;
}

export function stuckReport(store: unknown): string {
  const root = store as Loose;
  const sync = root?.['sync'] as Loose;
  const parts = [
    `state ${String(root?.['state'])}`,
    describe('datastore', root),
    describe('sync', sync),
    describe('mutations', sync?.['mutationsProcessor'] as Loose),
    describe('subscriptions', sync?.['subscriptionsProcessor'] as Loose),
    describe('syncQueries', sync?.['syncQueriesProcessor'] as Loose),
  ];
  return parts.filter(Boolean).join(' | ');
}

/** Resolves as `work` does; if it takes longer than `ms`, rejects naming what DataStore waits on. */
export async function withStuckReport<T>(what: string, store: unknown, ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} still running after ${ms} ms: ${stuckReport(store)}`)), ms);
  });
  try {
    return await Promise.race([work, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}
