import {
  type ArgumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  type TypeNode,
  type ValueNode,
} from 'graphql';

/** The transformer's fine-grained operations; `read` in a rule stands for the five reads. */
export const MODEL_OPERATIONS = ['create', 'update', 'delete', 'get', 'list', 'sync', 'listen', 'search'] as const;
export type ModelOperation = (typeof MODEL_OPERATIONS)[number];
const READS: readonly ModelOperation[] = ['get', 'list', 'sync', 'listen', 'search'];

export type Provider = 'apiKey' | 'userPools' | 'iam' | 'oidc' | 'function';

/** A rule decided by the caller alone: `public`, `private` or static `groups`. */
export interface StaticRule {
  readonly allow: 'public' | 'private' | 'groups';
  readonly provider: Provider;
  readonly operations: ReadonlySet<ModelOperation>;
  /** Static groups (`allow: groups, groups: [...]`). */
  readonly groups: readonly string[];
}

/**
 * A rule decided by a field of each record: `owner` (the record names its owners) or dynamic
 * `groups` (`groupsField`: the record names the groups that may use it).
 */
export interface RecordRule {
  readonly allow: 'owner' | 'groupsField';
  readonly provider: 'userPools';
  readonly operations: ReadonlySet<ModelOperation>;
  /** `ownerField` (`owner` by default) or `groupsField`. */
  readonly field: string;
  /** Whether the field holds a list (`[String]`): several owners or groups per record. */
  readonly list: boolean;
  /**
   * The token claim compared with the field: `identityClaim` for owners, where `sub::username`
   * (the default under `usesubusernamefordefaultidentityclaim`) stores both; `groupClaim` for groups.
   */
  readonly claim: string;
}

/** What one `@auth` rule of a model allows, with the transformer's (v2) defaults filled in. */
export type AuthRule = StaticRule | RecordRule;

/** The owner claim the transformer stores and compares by default: `<sub>::<username>`. */
export const SUB_USERNAME = 'sub::username';

const DEFAULT_PROVIDER: Record<StaticRule['allow'], Provider> = {
  public: 'apiKey',
  private: 'userPools',
  groups: 'userPools',
};

function valueOf(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.LIST:
      return node.values.map(valueOf);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, valueOf(field.value)]));
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    default:
      return undefined;
  }
}

function isListType(type: TypeNode): boolean {
  if (type.kind === Kind.NON_NULL_TYPE) return isListType(type.type);
  return type.kind === Kind.LIST_TYPE;
}

function operationsOf(raw: Record<string, unknown>): ReadonlySet<ModelOperation> {
  const listed = Array.isArray(raw['operations'])
    ? (raw['operations'] as string[])
    : ['create', 'update', 'delete', 'read'];
  return new Set(listed.flatMap((operation) => (operation === 'read' ? READS : [operation as ModelOperation])));
}

function recordRule(
  raw: Record<string, unknown>,
  type: ObjectTypeDefinitionNode,
  rule: string,
  usesSubUsername: boolean,
): RecordRule {
  const owner = raw['allow'] === 'owner';
  const provider = (raw['provider'] as Provider | undefined) ?? 'userPools';
  // OIDC owners and groups read another token's claims: the server verifies user-pool tokens only.
  if (provider !== 'userPools') {
    throw new Error(
      `${type.name.value}: @auth rule ${rule} with provider: ${provider} is not supported by the local server`,
    );
  }
  const field = owner ? ((raw['ownerField'] as string | undefined) ?? 'owner') : (raw['groupsField'] as string);
  const declared = type.fields?.find((definition: FieldDefinitionNode) => definition.name.value === field);
  const claim = owner
    ? ((raw['identityClaim'] as string | undefined) ?? (usesSubUsername ? SUB_USERNAME : 'username'))
    : ((raw['groupClaim'] as string | undefined) ?? 'cognito:groups');
  return {
    allow: owner ? 'owner' : 'groupsField',
    provider,
    operations: operationsOf(raw),
    field,
    // A field the schema does not declare is added by the transformer as a String.
    list: declared ? isListType(declared.type) : false,
    claim,
  };
}

function toRule(raw: Record<string, unknown>, type: ObjectTypeDefinitionNode, usesSubUsername: boolean): AuthRule {
  const allow = raw['allow'];
  const model = type.name.value;
  if (allow === 'owner') return recordRule(raw, type, 'allow: owner', usesSubUsername);
  if (allow === 'groups' && raw['groupsField'] !== undefined)
    return recordRule(raw, type, `allow: groups, groupsField: ${String(raw['groupsField'])}`, usesSubUsername);
  // Custom (Lambda) rules run code the server does not have: refusing to start is safer than
  // serving such a model open.
  if (allow !== 'public' && allow !== 'private' && allow !== 'groups') {
    throw new Error(`${model}: @auth rule allow: ${String(allow)} is not supported by the local server yet`);
  }
  const provider = (raw['provider'] as Provider | undefined) ?? DEFAULT_PROVIDER[allow];
  const groups = Array.isArray(raw['groups']) ? (raw['groups'] as string[]) : [];
  return { allow, provider, operations: operationsOf(raw), groups };
}

function rulesOf(directives: readonly { name: { value: string }; arguments?: readonly ArgumentNode[] }[]) {
  const auth = directives.find((directive) => directive.name.value === 'auth');
  const rulesArgument = auth?.arguments?.find((argument) => argument.name.value === 'rules');
  return rulesArgument ? (valueOf(rulesArgument.value) as Record<string, unknown>[]) : undefined;
}

/**
 * Each `@model`'s `@auth` rules from the schema in amplify/ (absent: no rules, so the API's
 * default mode applies). `usesSubUsername` is the project's `usesubusernamefordefaultidentityclaim`
 * feature flag. Rules the server cannot enforce stop it at start, never silently let a request through.
 */
export function readModelAuthRules(sourceSdl: string, usesSubUsername = true): Map<string, readonly AuthRule[]> {
  const rules = new Map<string, readonly AuthRule[]>();
  for (const definition of parse(sourceSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const directives = definition.directives ?? [];
    if (!directives.some((directive) => directive.name.value === 'model')) continue;
    const model = definition.name.value;
    // Field rules change which fields each caller may read and write; served unchecked, the
    // field would be open to everyone the model's rules admit.
    const guarded = definition.fields?.find((field) => rulesOf(field.directives ?? []) !== undefined);
    if (guarded) {
      throw new Error(`${model}.${guarded.name.value}: field-level @auth rules are not supported by the local server`);
    }
    rules.set(
      model,
      (rulesOf(directives) ?? []).map((rule) => toRule(rule, definition, usesSubUsername)),
    );
  }
  return rules;
}
