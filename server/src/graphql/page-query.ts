import {
  type DocumentNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';

import type { Caller } from '../auth/caller.ts';
import { displayedOwner } from '../auth/record-rules.ts';
import type { StoredRecord } from '../store/sqlite-store.ts';
import type { DataContext } from './data-context.ts';
import type { Connection } from './queries.ts';
import { runQuery } from './queries.ts';

/**
 * Sync and list pages without graphql-js's per-field machinery.
 *
 * A sync page of 1,000 records resolved field by field through graphql-js spent most of its time in
 * field resolution and one parent lookup per record (bench/). This compiles a page query's
 * selection set once into plain functions, loads every parent a page refers to in one statement,
 * and builds the same `data` object graphql-js would, key for key. Anything outside that simple
 * shape (fragments, directives, aliases repeated, hasMany fields, abstract types) is not compiled,
 * and any value graphql-js would coerce or report (a null in a non-null field, a number in a String
 * field, an unknown enum value, an error from the store) makes the request fall back to graphql-js,
 * so the wire output is the same byte for byte either way.
 */

const FALLBACK: unique symbol = Symbol('fallback');
type Out = unknown;
type Parents = Map<string, Map<string, StoredRecord | null>>;
type Complete = (value: unknown, parents: Parents) => Out;

interface Plan {
  fieldName: string;
  responseKey: string;
  field: FieldNode;
  definition: NonNullable<ReturnType<GraphQLObjectType['getFields']>[string]>;
  complete: Complete;
  /** Parent model and foreign key of every belongsTo field the items select, for one batched read. */
  parentKeys: { target: string; foreignKey: string }[];
}

const builtIn: Record<string, (value: unknown) => boolean> = {
  ID: (v) => typeof v === 'string',
  String: (v) => typeof v === 'string',
  Boolean: (v) => typeof v === 'boolean',
  Int: (v) => Number.isInteger(v) && (v as number) <= 2147483647 && (v as number) >= -2147483648,
  Float: (v) => typeof v === 'number' && Number.isFinite(v),
};

class NotCompilable extends Error {}

function compileType(ctx: DataContext, type: GraphQLOutputType, node: FieldNode, plan: Plan): Complete {
  if (isNonNullType(type)) {
    const inner = compileType(ctx, type.ofType, node, plan);
    return (value, parents) => (value === null || value === undefined ? FALLBACK : inner(value, parents));
  }
  let complete: Complete;
  if (isListType(type)) {
    const item = compileType(ctx, type.ofType, node, plan);
    complete = (value, parents) => {
      if (!Array.isArray(value)) return FALLBACK;
      const out = new Array<Out>(value.length);
      for (let i = 0; i < value.length; i++) {
        const completed = item(value[i], parents);
        if (completed === FALLBACK) return FALLBACK;
        out[i] = completed;
      }
      return out;
    };
  } else if (isScalarType(type)) {
    // AppSync's custom scalars echo values unchanged (appsync-scalars.ts); built-ins must already
    // have the exact JavaScript type, or graphql-js would coerce them.
    const valid = builtIn[type.name];
    complete = valid ? (value) => (valid(value) ? value : FALLBACK) : (value) => value;
  } else if (isEnumType(type)) {
    const names = new Set(type.getValues().map((v) => v.value as unknown));
    complete = (value) => (names.has(value) ? value : FALLBACK);
  } else if (isObjectType(type)) {
    if (!node.selectionSet) throw new NotCompilable();
    const build = compileSelection(ctx, type, node.selectionSet, plan);
    complete = (value, parents) =>
      typeof value === 'object' ? build(value as Record<string, unknown>, parents) : FALLBACK;
  } else {
    throw new NotCompilable();
  }
  return (value, parents) => (value === null || value === undefined ? null : complete(value, parents));
}

function compileSelection(
  ctx: DataContext,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  plan: Plan,
): (source: Record<string, unknown>, parents: Parents) => Out {
  const model = ctx.models.get(type.name);
  const fields = type.getFields();
  const keys = new Set<string>();
  const steps = selectionSet.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) throw new NotCompilable();
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) throw new NotCompilable();
    keys.add(key);
    const name = selection.name.value;
    if (name === '__typename') return { key, read: () => type.name };
    const definition = fields[name];
    if (!definition || (selection.arguments?.length ?? 0) > 0) throw new NotCompilable();
    if (model?.hasMany.some((relation) => relation.field === name)) throw new NotCompilable();
    const complete = compileType(ctx, definition.type, selection, plan);
    const parent = model?.belongsTo.find((relation) => relation.field === name);
    if (parent) {
      plan.parentKeys.push({ target: parent.target, foreignKey: parent.foreignKey });
      return {
        key,
        read: (source: Record<string, unknown>, parents: Parents) => {
          const id = source[parent.foreignKey];
          if (typeof id !== 'string') return complete(null, parents);
          const loaded = parents.get(parent.target)?.get(id);
          return complete(loaded === undefined ? (ctx.store.get(parent.target, id) ?? null) : loaded, parents);
        },
      };
    }
    if (model && ctx.authorizer.displayedFields(model.name).has(name)) {
      return {
        key,
        read: (source: Record<string, unknown>, parents: Parents) => complete(displayedOwner(source[name]), parents),
      };
    }
    return { key, read: (source: Record<string, unknown>, parents: Parents) => complete(source[name], parents) };
  });
  return (source, parents) => {
    const out: Record<string, Out> = {};
    for (const step of steps) {
      const value = step.read(source, parents);
      if (value === FALLBACK) return FALLBACK;
      out[step.key] = value;
    }
    return out;
  };
}

function compile(ctx: DataContext, schema: GraphQLSchema, operation: OperationDefinitionNode): Plan | undefined {
  const queryType = schema.getQueryType();
  const [field, ...rest] = operation.selectionSet.selections;
  if (!queryType || operation.operation !== 'query' || rest.length > 0 || field?.kind !== Kind.FIELD) return undefined;
  if ((field.directives?.length ?? 0) > 0 || !/^(sync|list)[A-Z]/.test(field.name.value)) return undefined;
  const definition = queryType.getFields()[field.name.value];
  if (!definition) return undefined;
  const plan: Plan = {
    fieldName: field.name.value,
    responseKey: field.alias?.value ?? field.name.value,
    field,
    definition,
    complete: () => FALLBACK,
    parentKeys: [],
  };
  try {
    plan.complete = compileType(ctx, definition.type, field, plan);
  } catch (error) {
    if (error instanceof NotCompilable) return undefined;
    throw error;
  }
  return plan;
}

/** The parents every item of the page refers to, read in one statement per parent model. */
function loadParents(ctx: DataContext, plan: Plan, items: readonly Record<string, unknown>[]): Parents {
  const parents: Parents = new Map();
  for (const { target, foreignKey } of plan.parentKeys) {
    const ids = new Set<string>();
    for (const item of items) {
      const id = item[foreignKey];
      if (typeof id === 'string') ids.add(id);
    }
    const loaded = parents.get(target) ?? new Map<string, StoredRecord | null>();
    for (const [id, record] of ctx.store.getMany(target, [...ids])) loaded.set(id, record);
    for (const id of ids) if (!loaded.has(id)) loaded.set(id, null);
    parents.set(target, loaded);
  }
  return parents;
}

export interface PageQueries {
  /** The `data` for a compiled page query, or undefined when graphql-js must run it. */
  run(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    caller: Caller,
  ): { data: unknown } | undefined;
}

export function pageQueries(schema: GraphQLSchema, ctx: DataContext): PageQueries {
  const plans = new WeakMap<OperationDefinitionNode, Plan | null>();
  return {
    run(_document, operation, variables, caller) {
      let plan = plans.get(operation);
      if (plan === undefined) {
        plan = compile(ctx, schema, operation) ?? null;
        plans.set(operation, plan);
      }
      // A refused caller goes the slow way, to be refused by the field resolver in AppSync's words;
      // so does one who may read only some of the parents (refused there, record by record).
      if (!plan || ctx.authorizer.refusal(caller, 'Query', plan.fieldName)) return undefined;
      if (plan.parentKeys.some(({ target }) => ctx.authorizer.readScope(caller, target, 'get') !== null))
        return undefined;
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      if (coerced.errors) return undefined;
      let connection: Connection;
      try {
        const args = getArgumentValues(plan.definition, plan.field, coerced.coerced);
        connection = runQuery(ctx, plan.fieldName, args, caller) as Connection;
      } catch {
        // graphql-js reports it, shaped as every other resolver error.
        return undefined;
      }
      const parents = loadParents(ctx, plan, connection.items);
      const value = plan.complete(connection, parents);
      return value === FALLBACK ? undefined : { data: { [plan.responseKey]: value } };
    },
  };
}
