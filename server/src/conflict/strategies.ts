import type { ConflictSettings, ConflictStrategy } from './conflict-settings.ts';
import { amplifyFunctionName, type ConflictHandler, loadConflictHandler } from './lambda-handler.ts';

export type ModelStrategy =
  | { type: 'AUTOMERGE' }
  | { type: 'OPTIMISTIC_CONCURRENCY' }
  | { type: 'LAMBDA'; name: string; handler: ConflictHandler };

function toModelStrategy(strategy: ConflictStrategy, handlers: Map<string, ConflictHandler>): ModelStrategy {
  if (strategy.type !== 'LAMBDA') return { type: strategy.type };
  const name = amplifyFunctionName(strategy.resolver.name);
  let handler = handlers.get(name);
  if (!handler) {
    handler = loadConflictHandler(name);
    handlers.set(name, handler);
  }
  return { type: 'LAMBDA', name, handler };
}

/** Resolves every model's strategy up front, so a missing handler fails at startup, not mid-sync. */
export function strategiesFor(models: Iterable<string>, settings: ConflictSettings): Map<string, ModelStrategy> {
  const handlers = new Map<string, ConflictHandler>();
  return new Map(
    [...models].map((model) => [
      model,
      toModelStrategy(settings.perModel[model] ?? settings.defaultStrategy, handlers),
    ]),
  );
}
