import { AppSyncError } from './errors.ts';

/**
 * AppSync's ModelXFilterInput / ModelXConditionInput / ModelSubscriptionXFilterInput semantics,
 * evaluated against a stored record (DynamoDB rules: a missing attribute fails every comparison
 * except `ne`, `notContains`, `notIn` and `attributeExists: false`).
 */
export type Filter = Record<string, unknown>;

type Operators = Record<string, unknown>;

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return compare(a, b) === 0 || (a === null && b === null);
}

function attributeType(value: unknown): string {
  if (value === null) return '_null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'map';
}

function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

function matchesOperators(value: unknown, operators: Operators): boolean {
  const present = value !== undefined && value !== null;
  return Object.entries(operators).every(([operator, operand]) => {
    if (operand === undefined) return true;
    const order = compare(value, operand);
    switch (operator) {
      case 'eq':
        return sameValue(value, operand);
      case 'ne':
        return !sameValue(value, operand);
      case 'lt':
        return order !== undefined && order < 0;
      case 'le':
        return order !== undefined && order <= 0;
      case 'gt':
        return order !== undefined && order > 0;
      case 'ge':
        return order !== undefined && order >= 0;
      case 'between': {
        const [low, high] = operand as unknown[];
        const fromLow = compare(value, low);
        const toHigh = compare(value, high);
        return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
      }
      case 'beginsWith':
        return typeof value === 'string' && typeof operand === 'string' && value.startsWith(operand);
      case 'contains':
        return typeof value === 'string'
          ? value.includes(String(operand))
          : Array.isArray(value) && value.includes(operand);
      case 'notContains':
        return typeof value === 'string'
          ? !value.includes(String(operand))
          : !(Array.isArray(value) && value.includes(operand));
      case 'containsAny':
        // Only in the subscription filters the resolvers add for dynamic groups held in a list.
        return Array.isArray(value) && Array.isArray(operand) && operand.some((o) => value.includes(o));
      case 'in':
        return Array.isArray(operand) && operand.some((o) => sameValue(value, o));
      case 'notIn':
        return !(Array.isArray(operand) && operand.some((o) => sameValue(value, o)));
      case 'attributeExists':
        return (value !== undefined) === operand;
      case 'attributeType':
        return present && attributeType(value) === operand;
      case 'size': {
        const size = sizeOf(value);
        return size !== undefined && matchesOperators(size, operand as Operators);
      }
      default:
        return false;
    }
  });
}

export function matchesFilter(record: Record<string, unknown>, filter: Filter | null | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, condition]) => {
    if (condition === undefined || condition === null) return true;
    if (key === 'and') return (condition as Filter[]).every((f) => matchesFilter(record, f));
    if (key === 'or') return (condition as Filter[]).some((f) => matchesFilter(record, f));
    if (key === 'not') return !matchesFilter(record, condition as Filter);
    return matchesOperators(record[key], condition as Operators);
  });
}

/** What DynamoDB would refuse in one field's operators, or undefined. */
function operatorProblem(operators: Operators, where: string): string | undefined {
  const between = operators['between'];
  if (Array.isArray(between) && (between.length !== 2 || between.some((v) => v === null || v === undefined))) {
    return `${where}.between takes exactly two values, got ${between.length}.`;
  }
  for (const listOperator of ['in', 'notIn']) {
    const values = operators[listOperator];
    if (Array.isArray(values) && values.length === 0) return `${where}.${listOperator} takes at least one value.`;
  }
  const size = operators['size'];
  return size && typeof size === 'object' ? operatorProblem(size as Operators, `${where}.size`) : undefined;
}

/**
 * What DynamoDB would refuse in a filter or condition before evaluating it (a `between` without exactly
 * two values, an empty `in`), or undefined. Checked once per request, not per record.
 */
export function filterProblem(filter: Filter | null | undefined, path: string): string | undefined {
  if (!filter) return undefined;
  for (const [key, condition] of Object.entries(filter)) {
    if (condition === undefined || condition === null) continue;
    const problem =
      key === 'and' || key === 'or'
        ? (condition as Filter[]).map((nested, i) => filterProblem(nested, `${path}.${key}[${i}]`)).find(Boolean)
        : key === 'not'
          ? filterProblem(condition as Filter, `${path}.not`)
          : operatorProblem(condition as Operators, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

/** Throws DynamoDB's kind of error for a filter or condition it would refuse. */
export function checkFilter(filter: Filter | null | undefined, argument: string): void {
  const problem = filterProblem(filter, argument);
  if (problem) throw new AppSyncError(`Invalid ${argument}: ${problem}`, 'DynamoDB:DynamoDbException');
}
