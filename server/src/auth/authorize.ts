import type { Filter } from '../graphql/filter.ts';
import type { AuthMode } from './auth-modes.ts';
import type { Caller } from './caller.ts';
import type { AuthRule, ModelOperation, RecordRule, StaticRule } from './model-rules.ts';
import { fieldAdmits, fillOwner, readTerms, subscriptionRule } from './record-rules.ts';

const PROVIDER_MODE: Record<AuthRule['provider'], AuthMode> = {
  apiKey: 'API_KEY',
  userPools: 'AMAZON_COGNITO_USER_POOLS',
  iam: 'AWS_IAM',
  oidc: 'OPENID_CONNECT',
  function: 'AWS_LAMBDA',
};

type Fields = Record<string, unknown>;
type UserPoolCaller = Extract<Caller, { authMode: 'AMAZON_COGNITO_USER_POOLS' }>;
const NOBODY: UserPoolCaller = { authMode: 'AMAZON_COGNITO_USER_POOLS', sub: '', username: '', groups: [] };

const isStatic = (rule: AuthRule): rule is StaticRule => rule.allow !== 'owner' && rule.allow !== 'groupsField';

function staticAdmits(rule: StaticRule, caller: Caller, operation: ModelOperation): boolean {
  if (!rule.operations.has(operation) || PROVIDER_MODE[rule.provider] !== caller.authMode) return false;
  switch (rule.allow) {
    case 'public':
    case 'private':
      return true;
    case 'groups':
      return caller.authMode === 'AMAZON_COGNITO_USER_POOLS' && rule.groups.some((g) => caller.groups.includes(g));
  }
}

/** Whether a rule that needs no record admits the caller: the resolvers' first step. */
function admittedOutright(
  caller: Caller,
  rules: readonly AuthRule[],
  operation: ModelOperation,
  defaultMode: AuthMode,
): boolean {
  if (rules.length === 0) return caller.authMode === defaultMode;
  return rules.some((rule) => isStatic(rule) && staticAdmits(rule, caller, operation));
}

/** The owner and dynamic group rules for an operation, and the user-pool caller they can admit. */
function recordRules(
  caller: Caller,
  rules: readonly AuthRule[],
  operation: ModelOperation,
): { who: UserPoolCaller; rules: RecordRule[] } {
  const applying = rules.filter((rule): rule is RecordRule => !isStatic(rule) && rule.operations.has(operation));
  // API key and other callers have no identity for such rules to compare.
  if (caller.authMode !== 'AMAZON_COGNITO_USER_POOLS') return { who: NOBODY, rules: [] };
  return { who: caller, rules: applying };
}

/**
 * Whether a caller may run an operation on a model at all, before any record is read: a model
 * without rules is open to the API's default mode only; owner and dynamic group rules may admit
 * any user-pool caller, record by record.
 */
export function mayRun(
  caller: Caller,
  rules: readonly AuthRule[],
  operation: ModelOperation,
  defaultMode: AuthMode,
): boolean {
  return (
    admittedOutright(caller, rules, operation, defaultMode) || recordRules(caller, rules, operation).rules.length > 0
  );
}

/**
 * The records a read admits: null for every record, a filter they must match (the resolvers'
 * `authFilter`, applied after the page's limit as DynamoDB's filter is), or undefined for none.
 */
export function readScope(
  caller: Caller,
  rules: readonly AuthRule[],
  operation: ModelOperation,
  defaultMode: AuthMode,
): Filter | null | undefined {
  if (admittedOutright(caller, rules, operation, defaultMode)) return null;
  const applying = recordRules(caller, rules, operation);
  const terms = applying.rules.flatMap((rule) => readTerms(applying.who, rule));
  return terms.length > 0 ? { or: terms } : undefined;
}

/**
 * A create's decision: the input as the resolvers complete it (owner fields filled with the
 * caller's identity when absent), or undefined when no rule admits it.
 */
export function admitCreate(caller: Caller, rules: readonly AuthRule[], input: Fields, defaultMode: AuthMode) {
  let admitted = admittedOutright(caller, rules, 'create', defaultMode);
  const completed = { ...input };
  const applying = recordRules(caller, rules, 'create');
  for (const rule of applying.rules.filter((r) => r.allow === 'owner')) {
    if (fillOwner(applying.who, rule, completed, admitted)) admitted = true;
  }
  for (const rule of applying.rules.filter((r) => r.allow === 'groupsField')) {
    if (!admitted) admitted = fieldAdmits(applying.who, rule, completed[rule.field] ?? null);
  }
  return admitted ? completed : undefined;
}

/**
 * An update's or delete's decision on the stored record (undefined when there is none): null when
 * admitted, otherwise the input fields refused ([]: the whole write). A caller admitted only by
 * user-pool rules without `delete` may not clear a field (set it to null): the resolvers' `nullAllowedFields`.
 */
export function changeRefusal(
  caller: Caller,
  rules: readonly AuthRule[],
  operation: 'update' | 'delete',
  stored: Fields | undefined,
  input: Fields,
  defaultMode: AuthMode,
): string[] | null {
  if (rules.length === 0) return caller.authMode === defaultMode ? null : [];
  const applying = recordRules(caller, rules, operation);
  const admitting = [
    ...rules.filter((rule) => isStatic(rule) && staticAdmits(rule, caller, operation)),
    ...applying.rules.filter((rule) => fieldAdmits(applying.who, rule, stored?.[rule.field] ?? null)),
  ];
  if (admitting.length === 0) return [];
  const whole = (rule: AuthRule) => rule.operations.has('delete') || rule.provider !== 'userPools';
  if (operation === 'delete' || admitting.some(whole)) return null;
  const cleared = Object.keys(input).filter((field) => input[field] === null);
  return cleared.length > 0 ? cleared : null;
}

/**
 * A subscription's decision: undefined when refused, else the event filter it runs with (the
 * caller's own filter, narrowed to their records unless a group or their owner argument admits them).
 */
export function subscriptionScope(
  caller: Caller,
  rules: readonly AuthRule[],
  args: { filter: Filter | null; ownerArguments: Fields },
  defaultMode: AuthMode,
): { filter: Filter | null } | undefined {
  let admitted = admittedOutright(caller, rules, 'listen', defaultMode);
  const applying = recordRules(caller, rules, 'listen');
  let ownerArgument = false;
  const terms: Filter[] = [];
  // Owner rules first, then dynamic groups, in rule order: the resolvers' runtime filter.
  const ordered = [
    ...applying.rules.filter((r) => r.allow === 'owner'),
    ...applying.rules.filter((r) => r.allow !== 'owner'),
  ];
  for (const rule of ordered) {
    const part = subscriptionRule(applying.who, rule, args.ownerArguments[rule.field]);
    if (part.term) terms.push(part.term);
    if (admitted || !part.argumentGiven) continue;
    if (!part.argumentValid) return undefined;
    admitted = ownerArgument = true;
  }
  const filterSize = args.filter ? Object.keys(args.filter).length : 0;
  const ownArgumentAlone = ownerArgument && terms.length === 1 && filterSize === 0;
  if (!ownArgumentAlone && (!admitted || ownerArgument) && terms.length > 0) {
    const scope = { or: terms };
    return { filter: args.filter && filterSize > 0 ? { and: [scope, args.filter] } : scope };
  }
  return admitted ? { filter: args.filter } : undefined;
}
