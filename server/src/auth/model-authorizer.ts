import { AppSyncError } from '../graphql/errors.ts';
import type { ModelInfo } from '../schema/model-info.ts';
import type { AuthMode } from './auth-modes.ts';
import { mayRun } from './authorize.ts';
import type { Caller } from './caller.ts';
import type { AuthRule, ModelOperation } from './model-rules.ts';

export type RootType = 'Query' | 'Mutation' | 'Subscription';

interface RootOperation {
  model: string;
  operation: ModelOperation;
}

/** The root fields the transformer gives a model, by prefix, with the operation each one is. */
const PREFIXES: readonly [RootType, string, ModelOperation][] = [
  ['Mutation', 'create', 'create'],
  ['Mutation', 'update', 'update'],
  ['Mutation', 'delete', 'delete'],
  ['Subscription', 'onCreate', 'listen'],
  ['Subscription', 'onUpdate', 'listen'],
  ['Subscription', 'onDelete', 'listen'],
  ['Query', 'get', 'get'],
  ['Query', 'sync', 'sync'],
  ['Query', 'list', 'list'],
];

/**
 * Every model root field of the schema ("Type field" → model and operation), worked out once: the
 * authorizer runs before every field of every request. Where two models could claim a field, the
 * first added keeps it: an index query, then a model's name, then its plural (first model first).
 */
function rootOperations(models: Map<string, ModelInfo>): Map<string, RootOperation> {
  const targets = new Map<string, RootOperation>();
  const add = (type: RootType, field: string, target: RootOperation) => {
    const key = `${type} ${field}`;
    if (!targets.has(key)) targets.set(key, target);
  };
  for (const model of models.values()) {
    for (const query of model.keyQueries) add('Query', query.field, { model: model.name, operation: 'list' });
  }
  for (const name of ['name', 'plural'] as const) {
    for (const model of models.values()) {
      for (const [type, prefix, operation] of PREFIXES)
        add(type, prefix + model[name], { model: model.name, operation });
    }
  }
  return targets;
}

/** Decides, before any record is read, whether a caller may use a model's root field. */
export interface ModelAuthorizer {
  /** Null when allowed; otherwise AppSync's error for the field. */
  refusal(caller: Caller, type: RootType, fieldName: string): AppSyncError | null;
}

export function modelAuthorizer(
  models: Map<string, ModelInfo>,
  rules: Map<string, readonly AuthRule[]>,
  defaultMode: AuthMode,
): ModelAuthorizer {
  const targets = rootOperations(models);
  return {
    refusal(caller, type, fieldName) {
      const target = targets.get(`${type} ${fieldName}`);
      if (!target || mayRun(caller, rules.get(target.model) ?? [], target.operation, defaultMode)) return null;
      return new AppSyncError(`Not Authorized to access ${fieldName} on type ${type}`, 'Unauthorized');
    },
  };
}
