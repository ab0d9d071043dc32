import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql';

import type { Caller } from '../auth/caller.ts';
import { notAuthorized, type RootType } from '../auth/model-authorizer.ts';
import { displayedOwner } from '../auth/record-rules.ts';
import type { DataContext } from './data-context.ts';
import { matchesFilter } from './filter.ts';
import { runMutation } from './mutations.ts';
import { childConnection, runQuery, scopeFor } from './queries.ts';
import { RequestBudget } from './request-budget.ts';
import { RequestContext } from './request-context.ts';

type Source = Record<string, unknown> | undefined;

/**
 * One resolver for the whole transformed schema: root fields go to the store, belongsTo fields
 * load the parent (tombstoned parents included, as DataStore selects `parent { id _deleted }`),
 * everything else reads the stored record (owners as the username). Subscription events execute
 * with the event as root value.
 */
export function createFieldResolver(schema: GraphQLSchema, data: DataContext): GraphQLFieldResolver<unknown, unknown> {
  const queryType = schema.getQueryType();
  const mutationType = schema.getMutationType();
  /** The store read behind a root or relation field, or undefined for a plain field of the record. */
  const storeRead = (source: Source, args: Record<string, unknown>, info: GraphQLResolveInfo, caller?: Caller) => {
    if (info.parentType === queryType || info.parentType === mutationType) {
      const run = info.parentType === queryType ? runQuery : runMutation;
      return () => {
        // Every HTTP request comes with its caller; only subscription events render without one.
        if (caller) {
          const refusal = data.authorizer.refusal(caller, info.parentType.name as RootType, info.fieldName);
          if (refusal) throw refusal;
        }
        return run(data, info.fieldName, args as never, caller);
      };
    }
    const type = info.parentType.name;
    const model = data.models.get(type);
    if (!model || !source) return undefined;
    const parent = model.belongsTo.find((relation) => relation.field === info.fieldName);
    if (parent) {
      const key = source[parent.foreignKey];
      return () => {
        const refusal = () => notAuthorized(info.fieldName, type);
        const scope = scopeFor(data, caller, parent.target, 'get', refusal);
        const record = typeof key === 'string' ? (data.store.get(parent.target, key) ?? null) : null;
        if (record && scope && !matchesFilter(record, scope)) throw refusal();
        return record;
      };
    }
    const children = model.hasMany.find((relation) => relation.field === info.fieldName);
    if (!children) return undefined;
    return () => childConnection(data, children, source, args, { caller, parentType: type });
  };
  return (rawSource, args, context, info) => {
    const source = rawSource as Source;
    // HTTP requests carry a budget; subscription events are rendered without one.
    const budget = context instanceof RequestBudget ? context : undefined;
    budget?.checkDepth(info);
    const caller = context instanceof RequestContext ? context.caller : undefined;
    const read = storeRead(source, args, info, caller);
    if (!read) {
      const value = source?.[info.fieldName];
      return data.authorizer.displayedFields(info.parentType.name).has(info.fieldName) ? displayedOwner(value) : value;
    }
    return budget ? budget.run(read) : read();
  };
}
