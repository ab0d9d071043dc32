import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql';

import type { RootType } from '../auth/model-authorizer.ts';
import type { DataContext } from './data-context.ts';
import { runMutation } from './mutations.ts';
import { childConnection, runQuery } from './queries.ts';
import { RequestBudget } from './request-budget.ts';
import { RequestContext } from './request-context.ts';

type Source = Record<string, unknown> | undefined;

/**
 * One resolver for the whole transformed schema: root fields go to the store, belongsTo fields
 * load the parent (tombstoned parents included, as DataStore selects `parent { id _deleted }`),
 * everything else reads the stored record. Subscriptions execute with the event as root value.
 */
export function createFieldResolver(schema: GraphQLSchema, data: DataContext): GraphQLFieldResolver<unknown, unknown> {
  const queryType = schema.getQueryType();
  const mutationType = schema.getMutationType();
  /** The store read behind a root or relation field, or undefined for a plain field of the record. */
  const storeRead = (source: Source, args: Record<string, unknown>, info: GraphQLResolveInfo, context: unknown) => {
    if (info.parentType === queryType || info.parentType === mutationType) {
      const run = info.parentType === queryType ? runQuery : runMutation;
      return () => {
        // Every HTTP request comes with its caller; only subscription events render without one.
        if (context instanceof RequestContext) {
          const refusal = data.authorizer.refusal(context.caller, info.parentType.name as RootType, info.fieldName);
          if (refusal) throw refusal;
        }
        return run(data, info.fieldName, args as never);
      };
    }
    const model = data.models.get(info.parentType.name);
    if (!model || !source) return undefined;
    const parent = model.belongsTo.find((relation) => relation.field === info.fieldName);
    if (parent) {
      const key = source[parent.foreignKey];
      return () => (typeof key === 'string' ? (data.store.get(parent.target, key) ?? null) : null);
    }
    const children = model.hasMany.find((relation) => relation.field === info.fieldName);
    if (!children) return undefined;
    return () => childConnection(data, children, source, args);
  };
  return (rawSource, args, context, info) => {
    const source = rawSource as Source;
    // HTTP requests carry a budget; subscription events are rendered without one.
    const budget = context instanceof RequestBudget ? context : undefined;
    budget?.checkDepth(info);
    const read = storeRead(source, args, info, context);
    if (!read) return source?.[info.fieldName];
    return budget ? budget.run(read) : read();
  };
}
