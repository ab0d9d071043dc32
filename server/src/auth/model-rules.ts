import { type ArgumentNode, Kind, parse, type ValueNode } from 'graphql';

/**
 * What one `@auth` rule of a model allows, with the transformer's (v2) defaults filled in:
 * the provider by strategy, every operation when none are listed.
 */
export interface AuthRule {
  readonly allow: 'public' | 'private' | 'groups';
  readonly provider: 'apiKey' | 'userPools' | 'iam' | 'oidc' | 'function';
  readonly operations: ReadonlySet<ModelOperation>;
  /** Static groups (`allow: groups, groups: [...]`). */
  readonly groups: readonly string[];
}

/** The transformer's fine-grained operations; `read` in a rule stands for the five reads. */
export const MODEL_OPERATIONS = ['create', 'update', 'delete', 'get', 'list', 'sync', 'listen', 'search'] as const;
export type ModelOperation = (typeof MODEL_OPERATIONS)[number];
const READS: readonly ModelOperation[] = ['get', 'list', 'sync', 'listen', 'search'];

const DEFAULT_PROVIDER: Record<AuthRule['allow'], AuthRule['provider']> = {
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

function toRule(raw: Record<string, unknown>, model: string): AuthRule {
  const allow = raw['allow'];
  // Owner and custom rules need checks on stored records that the server does not make yet:
  // refusing to start is safer than serving such a model open.
  if (allow !== 'public' && allow !== 'private' && allow !== 'groups') {
    throw new Error(`${model}: @auth rule allow: ${String(allow)} is not supported by the local server yet`);
  }
  if (allow === 'groups' && raw['groupsField'] !== undefined) {
    throw new Error(`${model}: dynamic group rules (groupsField) are not supported by the local server`);
  }
  const listed = Array.isArray(raw['operations'])
    ? (raw['operations'] as string[])
    : ['create', 'update', 'delete', 'read'];
  const operations = new Set<ModelOperation>(
    listed.flatMap((operation) => (operation === 'read' ? READS : [operation as ModelOperation])),
  );
  const provider = (raw['provider'] as AuthRule['provider'] | undefined) ?? DEFAULT_PROVIDER[allow];
  const groups = Array.isArray(raw['groups']) ? (raw['groups'] as string[]) : [];
  return { allow, provider, operations, groups };
}

/**
 * Each `@model`'s `@auth` rules from the schema in amplify/ (absent: no rules, so the API's
 * default mode applies). Rules the server cannot enforce yet stop it at start, never silently
 * let a request through.
 */
export function readModelAuthRules(sourceSdl: string): Map<string, readonly AuthRule[]> {
  const rules = new Map<string, readonly AuthRule[]>();
  for (const definition of parse(sourceSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const directives = definition.directives ?? [];
    if (!directives.some((directive) => directive.name.value === 'model')) continue;
    const auth = directives.find((directive) => directive.name.value === 'auth');
    const rulesArgument = auth?.arguments?.find((argument: ArgumentNode) => argument.name.value === 'rules');
    const raw = rulesArgument ? (valueOf(rulesArgument.value) as Record<string, unknown>[]) : [];
    const model = definition.name.value;
    rules.set(
      model,
      raw.map((rule) => toRule(rule, model)),
    );
  }
  return rules;
}
