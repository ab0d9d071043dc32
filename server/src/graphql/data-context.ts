import type { ModelAuthorizer } from '../auth/model-authorizer.ts';
import type { ModelStrategy } from '../conflict/strategies.ts';
import type { ModelInfo } from '../schema/model-info.ts';
import type { ChangeEvent } from '../store/change-event.ts';
import type { SqliteStore } from '../store/sqlite-store.ts';

/** What every resolver works with: the store, the schema's models and the write path. */
export interface DataContext {
  store: SqliteStore;
  models: Map<string, ModelInfo>;
  strategies: Map<string, ModelStrategy>;
  /** The schema's `@auth` rules, checked for every model root field a caller uses. */
  authorizer: ModelAuthorizer;
  tombstoneRetentionMs: number;
  publish(event: ChangeEvent): void;
  /**
   * Serialises writes (conflict handlers are async, and a write must not interleave with another),
   * committing those that queue up together in one transaction (groupCommit).
   */
  serialize<T>(work: () => Promise<T>): Promise<T>;
}
