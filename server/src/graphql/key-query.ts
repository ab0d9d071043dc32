import { z } from 'zod';

import type { KeyQuery } from '../schema/model-keys.ts';
import type { StoredRecord } from '../store/sqlite-store.ts';
import type { DataContext } from './data-context.ts';
import { AppSyncError } from './errors.ts';
import { type Filter, matchesFilter } from './filter.ts';
import { argumentsHash, checkedLimit, type Connection, pageToken, readPageToken } from './page-limits.ts';

/**
 * A DynamoDB Query as the transformer's resolvers make it: one partition (`hashKey = :value`), an
 * optional sort key condition, items in sort key order (`sortDirection`), `limit` applied before
 * `filter`. Argument errors carry the resolvers' own messages.
 */

type Condition = Record<string, unknown>;
type SortValue = string | number;

const SORT_OPERATORS = ['eq', 'lt', 'le', 'gt', 'ge', 'between', 'beginsWith'];
// The separator AppSync puts between the fields of a composite sort key.
const COMPOSITE_SEPARATOR = '#';

const tokenSchema = z.object({ o: z.number().int().nonnegative(), h: z.string() });

function invalidArguments(message: string): AppSyncError {
  return new AppSyncError(message, 'InvalidArgumentsError');
}

const isSet = (value: unknown) => value !== undefined && value !== null;

/** The stored sort key: the field itself, or the fields joined with `#` as AppSync stores a composite. */
function sortValueOf(query: KeyQuery, fields: Record<string, unknown>): SortValue | undefined {
  if (query.sortKeys.length === 1) {
    const value = fields[query.sortKeys[0] as string];
    if (!isSet(value)) return undefined;
    return query.numericSort ? Number(value) : String(value);
  }
  let joined = '';
  query.sortKeys.forEach((field, index) => {
    const value = fields[field];
    if (isSet(value)) joined = index === 0 ? String(value) : `${joined}${COMPOSITE_SEPARATOR}${String(value)}`;
  });
  return joined;
}

/** DynamoDB orders strings by their UTF-8 bytes. */
function compareSortValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

function operand(query: KeyQuery, value: unknown): SortValue | undefined {
  if (query.sortKeys.length === 1)
    return isSet(value) ? (query.numericSort ? Number(value) : String(value)) : undefined;
  return sortValueOf(query, (value ?? {}) as Record<string, unknown>);
}

/** A test for the sort key condition, or undefined when there is none; refuses what AppSync refuses. */
function sortCondition(query: KeyQuery, condition: Condition | undefined): ((value: SortValue) => boolean) | undefined {
  if (!condition || !query.sortArgument) return undefined;
  const operators = SORT_OPERATORS.filter((name) => isSet(condition[name]));
  if (operators.length === 0) return undefined;
  if (operators.length > 1) {
    throw invalidArguments(
      `Argument '${query.sortArgument}' takes one key condition, got ${operators.join(', ')}: a DynamoDB query allows one condition on the sort key.`,
    );
  }
  const [operator] = operators as [string];
  if (operator === 'between') {
    const bounds = condition['between'] as unknown[];
    if (bounds.length !== 2 || !bounds.every(isSet)) {
      throw invalidArguments(`Argument '${query.sortArgument}.between' expects exactly two elements.`);
    }
    const [low, high] = bounds.map((bound) => operand(query, bound)) as [SortValue, SortValue];
    return (value) => compareSortValues(value, low) >= 0 && compareSortValues(value, high) <= 0;
  }
  const target = operand(query, condition[operator]) as SortValue;
  switch (operator) {
    case 'beginsWith':
      return (value) => String(value).startsWith(String(target));
    case 'eq':
      return (value) => compareSortValues(value, target) === 0;
    case 'lt':
      return (value) => compareSortValues(value, target) < 0;
    case 'le':
      return (value) => compareSortValues(value, target) <= 0;
    case 'gt':
      return (value) => compareSortValues(value, target) > 0;
    default:
      return (value) => compareSortValues(value, target) >= 0;
  }
}

/**
 * The page of a key query, or undefined when a list query got no partition key (the caller scans).
 * Refuses a sort key condition or sort direction without the partition key, as the resolvers do.
 */
export function keyQueryPage(
  ctx: DataContext,
  model: string,
  query: KeyQuery,
  args: Record<string, unknown>,
): Connection | undefined {
  const direction = args['sortDirection'];
  if (isSet(direction) && query.sortKeys.length === 0) {
    throw invalidArguments('sortDirection is not supported for List operations without a Sort key defined.');
  }
  const hashValue = query.hashKey === undefined ? undefined : args[query.hashKey];
  const condition = query.sortArgument ? (args[query.sortArgument] as Condition | null | undefined) : undefined;
  if (!isSet(hashValue) || query.hashKey === undefined) {
    if (isSet(direction) && query.hashKey !== undefined) {
      throw invalidArguments(
        `When providing argument 'sortDirection' you must also provide argument '${query.hashKey}'.`,
      );
    }
    if (isSet(condition) && query.hashKey !== undefined) {
      throw invalidArguments(
        query.sortKeys.length > 1
          ? `When providing argument '${query.sortArgument}' you must also provide '${query.hashKey}'.`
          : `When providing argument '${query.sortArgument}' you must also provide arguments ${query.hashKey}`,
      );
    }
    return undefined;
  }
  const limit = checkedLimit(args['limit']);
  const hash = argumentsHash({ ...args, limit: undefined, nextToken: undefined });
  const offset = readPageToken(args['nextToken'], tokenSchema, (token) => token.h === hash)?.o ?? 0;
  const test = sortCondition(query, condition ?? undefined);
  const keyed: { record: StoredRecord; sort: SortValue | undefined }[] = [];
  for (const record of ctx.store.byField(model, query.hashKey, hashValue as string | number)) {
    const sort = sortValueOf(query, record);
    if (test && (sort === undefined || !test(sort))) continue;
    keyed.push({ record, sort });
  }
  if (query.sortKeys.length > 0) {
    // A record missing its sort key is not in a DynamoDB index; stable sort keeps commit order on ties.
    const indexed = keyed.filter((entry) => entry.sort !== undefined || query.isList);
    indexed.sort((a, b) => compareSortValues(a.sort ?? '', b.sort ?? ''));
    if (direction === 'DESC') indexed.reverse();
    keyed.splice(0, keyed.length, ...indexed);
  }
  const end = offset + limit;
  return {
    items: keyed
      .slice(offset, end)
      .map((entry) => entry.record)
      .filter((record) => matchesFilter(record, args['filter'] as Filter | null)),
    nextToken: end < keyed.length ? pageToken({ o: end, h: hash }) : null,
    startedAt: null,
  };
}
