/**
 * Owner and dynamic group rules as the transformer's resolvers apply them: each rule names a field
 * of the record that must hold the caller's identity (owner) or one of the caller's groups.
 */
import type { Filter } from '../graphql/filter.ts';
import type { UserPoolIdentity } from './caller.ts';
import { type RecordRule, SUB_USERNAME } from './model-rules.ts';

type Fields = Record<string, unknown>;

/**
 * A claim of the caller's token as the resolvers read `$ctx.identity.claims`. The server takes access
 * tokens, as Amplify sends them: they carry `sub`, `username` and `cognito:groups`, but no
 * `cognito:username`, `email` or custom claims, so rules on those match nobody, as on AppSync.
 */
function claim(caller: UserPoolIdentity, name: string): unknown {
  if (name === 'sub') return caller.sub;
  if (name === 'username') return caller.username;
  if (name === 'cognito:groups') return caller.groups;
  return undefined;
}

/** The identity an owner rule stores, and the other values it accepts as the caller's. */
interface OwnerIdentity {
  readonly stored: string;
  readonly accepted: readonly string[];
}

function ownerIdentity(caller: UserPoolIdentity, rule: RecordRule): OwnerIdentity | undefined {
  if (rule.claim === SUB_USERNAME) {
    return { stored: `${caller.sub}::${caller.username}`, accepted: [caller.sub, caller.username] };
  }
  const value = claim(caller, rule.claim);
  return typeof value === 'string' ? { stored: value, accepted: [] } : undefined;
}

/** A group claim as a list; the resolvers also take a JSON list or a single group as a string. */
function callerGroups(caller: UserPoolIdentity, rule: RecordRule): readonly unknown[] {
  const value = claim(caller, rule.claim);
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: one group.
    }
    return [value];
  }
  return Array.isArray(value) ? value : [];
}

const isOwner = (identity: OwnerIdentity, value: unknown) =>
  value === identity.stored || identity.accepted.includes(value as string);

/** Whether a record's field (from the input of a create, or the stored record) admits the caller. */
export function fieldAdmits(caller: UserPoolIdentity, rule: RecordRule, value: unknown): boolean {
  if (rule.allow === 'owner') {
    const identity = ownerIdentity(caller, rule);
    if (!identity) return false;
    return rule.list
      ? Array.isArray(value) && value.some((entry) => isOwner(identity, entry))
      : isOwner(identity, value);
  }
  const groups = callerGroups(caller, rule);
  return rule.list
    ? Array.isArray(value) && groups.some((group) => value.includes(group))
    : groups.some((group) => group === value);
}

/**
 * The terms of the read filter for one rule (`or`-ed with the other rules'): every value of the
 * caller's identity, or every group of theirs.
 */
export function readTerms(caller: UserPoolIdentity, rule: RecordRule): Filter[] {
  if (rule.allow === 'owner') {
    const identity = ownerIdentity(caller, rule);
    const values = identity ? [identity.stored, ...identity.accepted] : [];
    return values.map((value) => ({ [rule.field]: { [rule.list ? 'contains' : 'eq']: value } }));
  }
  const groups = callerGroups(caller, rule);
  if (rule.list) return groups.filter((group) => group !== '').map((group) => ({ [rule.field]: { contains: group } }));
  return groups.length > 0 ? [{ [rule.field]: { in: groups } }] : [];
}

/**
 * A create's owner rule: an absent owner field is filled with the caller's identity (also when
 * another rule admitted the caller); a given one must be the caller's. True if the rule admits.
 */
export function fillOwner(caller: UserPoolIdentity, rule: RecordRule, input: Fields, admitted: boolean): boolean {
  const identity = ownerIdentity(caller, rule);
  if (!identity) return false;
  const value = input[rule.field] ?? null;
  const absent = value === null && !(rule.field in input);
  if (absent) input[rule.field] = rule.list ? [identity.stored] : identity.stored;
  return absent || (!admitted && fieldAdmits(caller, rule, value));
}

export interface SubscriptionRule {
  /** The event filter term that limits the subscription to the caller's records. */
  readonly term?: Filter;
  /** False when the rule's owner argument names someone else: AppSync refuses the subscription. */
  readonly argumentValid: boolean;
  /** True when the owner argument is the caller's own. */
  readonly argumentGiven: boolean;
}

/**
 * One rule's part in a subscription: events carry owners as their username (the field resolver's
 * output), so the filter compares the username; an owner argument must be the caller's.
 */
export function subscriptionRule(caller: UserPoolIdentity, rule: RecordRule, argument: unknown): SubscriptionRule {
  if (rule.allow === 'groupsField') {
    const groups = callerGroups(caller, rule);
    return {
      ...(groups.length > 0 ? { term: { [rule.field]: { [rule.list ? 'containsAny' : 'in']: groups } } } : {}),
      argumentValid: true,
      argumentGiven: false,
    };
  }
  const identity = ownerIdentity(caller, rule);
  if (!identity) return { argumentValid: true, argumentGiven: false };
  const shown = rule.claim === SUB_USERNAME ? caller.username : identity.stored;
  const given = typeof argument === 'string' && argument !== '';
  return {
    term: { [rule.field]: { [rule.list ? 'contains' : 'eq']: shown } },
    argumentValid: !given || isOwner(identity, argument),
    argumentGiven: given,
  };
}

/** A stored owner as the field resolver returns it: the part after the last `::` (the username). */
export function displayedOwner(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(displayedOwner);
  if (typeof value !== 'string') return value;
  // Java's split, as the resolver's: trailing empty parts are dropped.
  const parts = value.split('::');
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  return parts.at(-1);
}
