/**
 * Just enough of CloudFormation to follow what `amplify push` would deploy: which parameters a
 * parent stack passes to a nested one, and what an ARN or a name in a template comes to for one
 * environment (Ref, Fn::Sub, Fn::Join, Fn::Split, Fn::If with its conditions, Fn::Select, Fn::GetAtt).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = Record<string, Json>;

export interface Template {
  Parameters?: Record<string, { Type?: string; Default?: Json }>;
  Conditions?: Record<string, Json>;
  Resources: Record<string, { Type: string; Properties?: JsonObject; Condition?: string }>;
  Outputs?: JsonObject;
  Description?: string;
}

/** The region and account every evaluation uses: they only have to agree with each other. */
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export interface Scope {
  template: Template;
  parameters: Record<string, Json>;
  stackName: string;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The values a stack's parameters take when its parent passes `passed`: passed, else the default. */
export function stackScope(template: Template, passed: Record<string, Json>, stackName: string): Scope {
  const parameters: Record<string, Json> = {};
  for (const [name, declaration] of Object.entries(template.Parameters ?? {})) {
    const value = passed[name] ?? declaration.Default;
    if (value !== undefined) parameters[name] = value;
  }
  return { template, parameters, stackName };
}

function pseudo(name: string, scope: Scope): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return REGION;
    case 'AWS::AccountId':
      return ACCOUNT;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return scope.stackName;
    default:
      return undefined;
  }
}

function reference(name: string, scope: Scope): Json {
  const value = pseudo(name, scope) ?? scope.parameters[name];
  if (value !== undefined) return value;
  if (name in scope.template.Resources) return `<${name}>`;
  throw new Error(`${scope.stackName}: Ref ${name} names no parameter with a value and no resource`);
}

const text = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

function condition(name: string, scope: Scope): boolean {
  const definition = scope.template.Conditions?.[name];
  if (definition === undefined) throw new Error(`${scope.stackName}: no condition ${name}`);
  const value = evaluate(definition, scope);
  if (typeof value !== 'boolean') throw new Error(`${scope.stackName}: condition ${name} is not a boolean`);
  return value;
}

function substitute(pattern: string, variables: JsonObject, scope: Scope): string {
  return pattern.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in variables) return text(evaluate(variables[name] as Json, scope));
    const [resource, attribute] = name.split('.');
    if (attribute !== undefined && resource !== undefined && resource in scope.template.Resources) {
      return `<${resource}.${attribute}>`;
    }
    return text(reference(name, scope));
  });
}

function intrinsic(name: string, argument: Json, scope: Scope): Json {
  const list = (count: number): Json[] => {
    if (!Array.isArray(argument) || argument.length !== count) {
      throw new Error(`${scope.stackName}: ${name} takes ${count} arguments`);
    }
    return argument;
  };
  switch (name) {
    case 'Ref':
      return reference(String(argument), scope);
    case 'Condition':
      return condition(String(argument), scope);
    case 'Fn::GetAtt': {
      const [resource, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
      return `<${text(resource ?? null)}.${text(attribute ?? null)}>`;
    }
    case 'Fn::ImportValue':
      return `<import ${text(evaluate(argument, scope))}>`;
    case 'Fn::Join': {
      const [separator, values] = list(2);
      const parts = evaluate(values ?? null, scope);
      if (!Array.isArray(parts)) throw new Error(`${scope.stackName}: Fn::Join needs a list`);
      return parts.map(text).join(String(separator));
    }
    case 'Fn::Split': {
      const [separator, source] = list(2);
      return text(evaluate(source ?? null, scope)).split(String(separator));
    }
    case 'Fn::Select': {
      const [index, values] = list(2);
      const parts = evaluate(values ?? null, scope);
      if (!Array.isArray(parts)) throw new Error(`${scope.stackName}: Fn::Select needs a list`);
      return parts[Number(evaluate(index ?? null, scope))] ?? null;
    }
    case 'Fn::Sub': {
      if (typeof argument === 'string') return substitute(argument, {}, scope);
      const [pattern, variables] = list(2);
      return substitute(String(pattern), isObject(variables) ? variables : {}, scope);
    }
    case 'Fn::If': {
      const [test, whenTrue, whenFalse] = list(3);
      return evaluate((condition(String(test), scope) ? whenTrue : whenFalse) ?? null, scope);
    }
    case 'Fn::Equals': {
      const [left, right] = list(2);
      return text(evaluate(left ?? null, scope)) === text(evaluate(right ?? null, scope));
    }
    case 'Fn::Not':
      return !evaluate(list(1)[0] ?? null, scope);
    case 'Fn::And':
      return Array.isArray(argument) && argument.every((item) => evaluate(item, scope) === true);
    case 'Fn::Or':
      return Array.isArray(argument) && argument.some((item) => evaluate(item, scope) === true);
    default:
      throw new Error(`${scope.stackName}: ${name} is not followed here`);
  }
}

/** What a template value comes to in one stack; attributes of resources stay `<Resource.Attribute>`. */
export function evaluate(value: Json, scope: Scope): Json {
  if (Array.isArray(value)) return value.map((item) => evaluate(item, scope));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const only = keys[0];
  if (keys.length === 1 && only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'))) {
    return intrinsic(only, value[only] as Json, scope);
  }
  return Object.fromEntries(keys.map((key) => [key, evaluate(value[key] as Json, scope)]));
}

/**
 * What CloudFormation would refuse or leave unset when a parent passes `passed` to this template:
 * a parameter the template does not declare, or a declared one without a default that is not passed.
 */
export function parameterProblems(stack: string, template: Template, passed: Iterable<string>): string[] {
  const declared = template.Parameters ?? {};
  const given = new Set(passed);
  const problems = [...given]
    .filter((name) => !(name in declared))
    .map((name) => `${stack}: its parent passes ${name}, which the template does not declare`);
  for (const [name, declaration] of Object.entries(declared)) {
    if (declaration.Default === undefined && !given.has(name)) {
      problems.push(`${stack}: ${name} has no default and its parent does not pass it`);
    }
  }
  return problems;
}

/** Every value in a template that names a Lambda function AppSync calls: conflict handlers and invoke grants. */
export function lambdaInvocationTargets(template: Template): Json[] {
  const targets: Json[] = [];
  const visit = (value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'LambdaConflictHandlerArn') targets.push(child);
      else if (key === 'Statement' && Array.isArray(child)) {
        for (const statement of child) {
          if (!isObject(statement)) continue;
          const actions = ([] as Json[]).concat(statement['Action'] ?? []);
          if (actions.includes('lambda:InvokeFunction') && statement['Resource'] !== undefined) {
            targets.push(...([] as Json[]).concat(statement['Resource']));
          }
        }
      } else visit(child);
    }
  };
  visit(template.Resources as unknown as Json);
  return targets;
}

export const lambdaArn = (functionName: string): string =>
  `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`;

/** The conditions a template uses (in Fn::If, Condition) and does not declare: CloudFormation refuses it. */
export function undeclaredConditions(template: Template): string[] {
  const used = new Set<string>();
  const visit = (value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'Fn::If' && Array.isArray(child) && typeof child[0] === 'string') used.add(child[0]);
      if (key === 'Condition' && typeof child === 'string') used.add(child);
      visit(child);
    }
  };
  for (const section of [template.Resources, template.Outputs ?? {}, template.Conditions ?? {}]) {
    visit(section as unknown as Json);
  }
  return [...used].filter((name) => !(name in (template.Conditions ?? {}))).sort();
}

export const resourcesOf = (scope: Scope, type: string) =>
  Object.entries(scope.template.Resources).filter(([, resource]) => resource.Type === type);

/** A resource's properties as they evaluate in its stack. */
export const propertiesOf = (scope: Scope, id: string): JsonObject =>
  evaluate(scope.template.Resources[id]?.Properties ?? {}, scope) as JsonObject;

/** The logical id a `<Resource>` or `<Resource.Arn>` value names. */
export const idOf = (value: Json | undefined): string => /^<([^.>]+)(\.Arn)?>$/.exec(String(value))?.[1] ?? '';
