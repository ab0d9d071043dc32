import type { PersistentModelConstructor, SyncExpression } from '@aws-amplify/datastore';

import { type SyncScope } from '../util/sync-scope';

/** The part of DataStore's generated schema this reads. */
export interface ScopedSchema {
  readonly models: Readonly<Record<string, { readonly syncable?: boolean; readonly fields: object }>>;
}

/** The synced models that carry a crew: the ones a crew's scope narrows. */
export function crewScopedModels(schema: ScopedSchema): string[] {
  return Object.entries(schema.models)
    .filter(([, model]) => model.syncable && 'crewID' in model.fields && 'crewGroup' in model.fields)
    .map(([name]) => name);
}

interface CrewIdCondition {
  crewID: { eq(crew: string): unknown };
}

/**
 * One expression per crew-scoped model, `crewID eq <crew>`, when the scope is exactly one crew:
 * a single `eq`, so it is the first `and` term of the sync filter and AppSync reads the `byCrew`
 * index. Otherwise none (an empty list, so DataStore drops expressions it was given before).
 * Built as DataStore's `syncExpression` builds them (a promise of the model and the condition), so
 * Node tests running DataStore's CommonJS build can use it too.
 */
export function scopeSyncExpressions(
  constructors: Readonly<Record<string, unknown>>,
  schema: ScopedSchema,
  scope: SyncScope,
): SyncExpression[] {
  const crew = scope.syncCrew;
  if (crew === null) return [];
  return crewScopedModels(schema).map((name) =>
    Promise.resolve({
      modelConstructor: constructors[name] as PersistentModelConstructor<never>,
      conditionProducer: () => (c: CrewIdCondition) => c.crewID.eq(crew),
    }),
  ) as unknown as SyncExpression[];
}

/**
 * The scope's expression as DataStore keeps it beside each model's last sync
 * (`ModelPredicateCreator.getPredicates` of `c => c.crewID.eq(crew)`), null for none.
 */
export function storedSyncPredicate(scope: SyncScope): Readonly<Record<string, unknown>> | null {
  return scope.syncCrew === null
    ? null
    : { type: 'and', predicates: [{ field: 'crewID', operator: 'eq', operand: scope.syncCrew }] };
}
