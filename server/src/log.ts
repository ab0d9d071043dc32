/**
 * The server's log: one JSON object per line (time, level, message, the request id when there is
 * one, and plain fields), so a team server's logs can be searched and shipped. Never given request
 * bodies, headers or keys: the callers pass only what is safe to keep.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

type Level = 'info' | 'warn' | 'error';
type Fields = Record<string, string | number | boolean | null | undefined>;

const requestIds = new AsyncLocalStorage<string>();

/** Runs `work` with a fresh request id, which every log line it writes carries; returns the id too. */
export function withRequestId<T>(work: (requestId: string) => T): T {
  const id = randomUUID();
  return requestIds.run(id, () => work(id));
}

/** An error's class and message only: stacks and paths stay out of shipped logs unless asked for. */
export function describeError(error: unknown): Fields {
  if (!(error instanceof Error)) return { error: String(error) };
  return {
    error: `${error.name}: ${error.message}`,
    ...(process.env['FIELDBOOK_LOG_STACKS'] === '1' ? { stack: error.stack } : {}),
  };
}

export function log(level: Level, message: string, fields: Fields = {}): void {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    requestId: requestIds.getStore(),
    ...fields,
  });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}
