import type { ModelStrategy } from '../conflict/strategies.ts';
import type { ModelInfo } from '../schema/model-info.ts';
import type { SqliteStore, StoredRecord } from '../store/sqlite-store.ts';

/** A committed write, published to subscribers in commit order. */
export interface ChangeEvent {
  model: string;
  /** The mutation field that made the change (`createSite`...), which selects the subscription. */
  mutation: string;
  record: StoredRecord;
}

export interface DataContext {
  store: SqliteStore;
  models: Map<string, ModelInfo>;
  strategies: Map<string, ModelStrategy>;
  tombstoneRetentionMs: number;
  publish(event: ChangeEvent): void;
  /** Serialises writes: conflict handlers are async, and a write must not interleave with another. */
  serialize<T>(work: () => Promise<T>): Promise<T>;
}

export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function modelForField(models: Map<string, ModelInfo>, fieldName: string, pattern: RegExp): ModelInfo | undefined {
  const match = pattern.exec(fieldName);
  if (!match?.[1]) return undefined;
  return models.get(match[1]) ?? [...models.values()].find((m) => m.plural === match[1]);
}
