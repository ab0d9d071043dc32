import {
  getNamedType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isInputObjectType,
  isNonNullType,
} from 'graphql';

/**
 * A query that reads one partition of a DynamoDB key: the model's own key (`listNotes(noteId, …)`)
 * or a secondary index (`@index(queryField: "notesByPriority")`, `jobsBySiteID`).
 */
export interface KeyQuery {
  field: string;
  /** The partition (hash) key field; absent on a list query of a model keyed by `id` alone. */
  hashKey?: string;
  /** The sort key fields, in order; several are compared as one `a#b` string, as AppSync stores them. */
  sortKeys: string[];
  /** The argument that carries the sort key condition (`takenAt`, or `takenAtSeq` for a composite). */
  sortArgument?: string;
  /** DynamoDB compares a single Int or Float sort key as a number, every other sort key as a string. */
  numericSort: boolean;
  /** List queries scan the table when no partition key is given; index queries require it. */
  isList: boolean;
}

const PAGE_ARGUMENTS = new Set(['filter', 'limit', 'nextToken', 'sortDirection', 'lastSync']);

export type PrimaryKey = readonly [string, ...string[]];

/** The model's primary key fields, partition key first, as its `get` query takes them. */
export function primaryKeyOf(schema: GraphQLSchema, model: string): PrimaryKey {
  const [first, ...rest] = schema.getQueryType()?.getFields()[`get${model}`]?.args ?? [];
  if (!first) throw new Error(`model ${model} has no get query in the transformed schema`);
  return [first.name, ...rest.map((arg) => arg.name)];
}

function isNumeric(type: GraphQLObjectType, field: string): boolean {
  const named = type.getFields()[field];
  return named !== undefined && ['Int', 'Float'].includes(getNamedType(named.type).name);
}

function keyQuery(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, isList: boolean): KeyQuery {
  const keyArgs = field.args.filter((arg) => !PAGE_ARGUMENTS.has(arg.name));
  const sortArg = keyArgs.find((arg) => getNamedType(arg.type).name.endsWith('KeyConditionInput'));
  const hashArg = keyArgs.find((arg) => arg !== sortArg);
  let sortKeys: string[] = [];
  if (sortArg) {
    const condition = getNamedType(sortArg.type);
    const composite = isInputObjectType(condition) ? getNamedType(condition.getFields()['eq']?.type) : undefined;
    sortKeys = composite && isInputObjectType(composite) ? Object.keys(composite.getFields()) : [sortArg.name];
  }
  const [onlySortKey] = sortKeys;
  return {
    field: field.name,
    hashKey: hashArg?.name,
    sortKeys,
    sortArgument: sortArg?.name,
    numericSort: sortKeys.length === 1 && onlySortKey !== undefined && isNumeric(type, onlySortKey),
    isList: isList && !(hashArg && isNonNullType(hashArg.type)),
  };
}

/** Every list and index query of `type`: the root query fields answering `Model<Type>Connection`. */
export function keyQueriesOf(schema: GraphQLSchema, type: GraphQLObjectType, plural: string): KeyQuery[] {
  const connection = `Model${type.name}Connection`;
  return Object.values(schema.getQueryType()?.getFields() ?? {})
    .filter((field) => getNamedType(field.type).name === connection && field.name !== `sync${plural}`)
    .map((field) => keyQuery(type, field, field.name === `list${plural}`));
}

/** How a record is keyed in the store: its partition key, or all its key fields when it has a sort key. */
export function storageKey(primaryKey: PrimaryKey, fields: Record<string, unknown>): string {
  return primaryKey.length === 1 ? String(fields[primaryKey[0]]) : JSON.stringify(primaryKey.map((f) => fields[f]));
}
