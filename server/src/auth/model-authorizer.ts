import { AppSyncError } from '../graphql/errors.ts';
import type { Filter } from '../graphql/filter.ts';
import type { ModelInfo } from '../schema/model-info.ts';
import type { AuthMode } from './auth-modes.ts';
import { admitCreate, changeRefusal, mayRun, readScope, subscriptionScope } from './authorize.ts';
import type { Caller } from './caller.ts';
import { type AuthRule, type ModelOperation, SUB_USERNAME } from './model-rules.ts';
import { displayedOwner } from './record-rules.ts';

export type RootType = 'Query' | 'Mutation' | 'Subscription';
type Fields = Record<string, unknown>;
type ReadOperation = 'get' | 'list' | 'sync';

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

/** AppSync's `$util.unauthorized()` for a field. */
export function notAuthorized(fieldName: string, type: string): AppSyncError {
  return new AppSyncError(`Not Authorized to access ${fieldName} on type ${type}`, 'Unauthorized');
}

/** The schema's `@auth` rules, applied as the transformer's resolvers apply them. */
export interface ModelAuthorizer {
  /** Before any record is read: null when the caller may use the root field; otherwise AppSync's error. */
  refusal(caller: Caller, type: RootType, fieldName: string): AppSyncError | null;
  /** The records of a model a read returns: null for all, a filter they must match, undefined for none. */
  readScope(caller: Caller, model: string, operation: ReadOperation): Filter | null | undefined;
  /** A create's input with owner fields filled in; throws AppSync's refusal. */
  admitCreate(caller: Caller, fieldName: string, input: Fields): Fields;
  /** Throws AppSync's refusal unless the caller may update or delete the stored record with this input. */
  admitChange(caller: Caller, fieldName: string, stored: Fields | undefined, input: Fields): void;
  /** The event filter a subscription runs with, or its refusal. */
  subscriptionScope(
    caller: Caller,
    fieldName: string,
    args: { filter: Filter | null; ownerArguments: Fields },
  ): { filter: Filter | null } | AppSyncError;
  /** A record as callers read it: owners stored as `sub::username` show the username. */
  displayed<T extends Fields>(model: string, record: T): T;
  /** The fields `displayed` changes, by model. */
  displayedFields(model: string): ReadonlySet<string>;
}

export function modelAuthorizer(
  models: Map<string, ModelInfo>,
  rules: Map<string, readonly AuthRule[]>,
  defaultMode: AuthMode,
): ModelAuthorizer {
  const rulesOf = (model: string) => rules.get(model) ?? [];
  const targets = rootOperations(models);
  const rootOperation = (type: RootType, fieldName: string) => targets.get(`${type} ${fieldName}`);
  const target = (type: RootType, fieldName: string) => {
    const found = rootOperation(type, fieldName);
    if (!found) throw new Error(`${type}.${fieldName} is not a model's field`);
    return found;
  };
  const ownerFields = new Map(
    [...rules].map(([model, list]) => [
      model,
      new Set(list.flatMap((rule) => (rule.allow === 'owner' && rule.claim === SUB_USERNAME ? [rule.field] : []))),
    ]),
  );
  const none = new Set<string>();
  return {
    refusal(caller, type, fieldName) {
      const found = rootOperation(type, fieldName);
      if (!found) return null;
      const { model, operation } = found;
      const allowed =
        type === 'Query'
          ? readScope(caller, rulesOf(model), operation, defaultMode) !== undefined
          : mayRun(caller, rulesOf(model), operation, defaultMode);
      return allowed ? null : notAuthorized(fieldName, type);
    },
    readScope: (caller, model, operation) => readScope(caller, rulesOf(model), operation, defaultMode),
    admitCreate(caller, fieldName, input) {
      const completed = admitCreate(caller, rulesOf(target('Mutation', fieldName).model), input, defaultMode);
      if (!completed) throw notAuthorized(fieldName, 'Mutation');
      return completed;
    },
    admitChange(caller, fieldName, stored, input) {
      const { model, operation } = target('Mutation', fieldName);
      const kind = operation === 'delete' ? 'delete' : 'update';
      const refused = changeRefusal(caller, rulesOf(model), kind, stored, input, defaultMode);
      if (!refused) return;
      // The resolvers' own words for fields a caller may not clear, Java's list included.
      throw refused.length > 0
        ? new AppSyncError(`Unauthorized on [${refused.join(', ')}]`, 'Unauthorized')
        : notAuthorized(fieldName, 'Mutation');
    },
    subscriptionScope(caller, fieldName, args) {
      // A subscription of no model's has no model rules to apply, as refusal() lets it through.
      const model = rootOperation('Subscription', fieldName)?.model;
      if (!model) return { filter: args.filter };
      return subscriptionScope(caller, rulesOf(model), args, defaultMode) ?? notAuthorized(fieldName, 'Subscription');
    },
    displayed(model, record) {
      const fields = ownerFields.get(model);
      if (!fields?.size) return record;
      const shown: Fields = { ...record };
      for (const field of fields) if (field in shown) shown[field] = displayedOwner(shown[field]);
      return shown as typeof record;
    },
    displayedFields: (model) => ownerFields.get(model) ?? none,
  };
}
