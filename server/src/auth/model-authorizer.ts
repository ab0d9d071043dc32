import { AppSyncError } from '../graphql/errors.ts';
import { modelForField, type ModelInfo } from '../schema/model-info.ts';
import type { AuthMode } from './auth-modes.ts';
import { mayRun } from './authorize.ts';
import type { Caller } from './caller.ts';
import type { AuthRule, ModelOperation } from './model-rules.ts';

export type RootType = 'Query' | 'Mutation' | 'Subscription';

/** The model and operation behind a root field of the transformed schema, if it is a model's. */
function rootOperation(
  models: Map<string, ModelInfo>,
  type: RootType,
  fieldName: string,
): { model: string; operation: ModelOperation } | undefined {
  const as = (operation: ModelOperation, pattern: RegExp) => {
    const model = modelForField(models, fieldName, pattern);
    return model ? { model: model.name, operation } : undefined;
  };
  if (type === 'Mutation') {
    const kind = /^(create|update|delete)/.exec(fieldName)?.[1] as ModelOperation | undefined;
    return kind ? as(kind, /^(?:create|update|delete)(\w+)$/) : undefined;
  }
  if (type === 'Subscription') return as('listen', /^on(?:Create|Update|Delete)(\w+)$/);
  const byIndex = [...models.values()].find((model) => model.keyQueries.some((query) => query.field === fieldName));
  if (byIndex) return { model: byIndex.name, operation: 'list' };
  return as('get', /^get(\w+)$/) ?? as('sync', /^sync(\w+)$/) ?? as('list', /^list(\w+)$/);
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
  return {
    refusal(caller, type, fieldName) {
      const target = rootOperation(models, type, fieldName);
      if (!target || mayRun(caller, rules.get(target.model) ?? [], target.operation, defaultMode)) return null;
      return new AppSyncError(`Not Authorized to access ${fieldName} on type ${type}`, 'Unauthorized');
    },
  };
}
