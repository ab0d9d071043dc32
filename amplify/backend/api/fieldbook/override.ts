/**
 * Override of the fieldbook API's stacks (`amplify override api`): the Amplify CLI compiles this file
 * with amplify/backend/package.json and runs it after the GraphQL transformer when it builds the API
 * for `amplify push` or `amplify build` (not for `amplify api gql-compile`).
 *
 * The resolvers of relation fields that read a Job (Site.jobs, FieldNote.job) carry Job's sync
 * configuration, and with it the conflict handler's ARN as
 * `Fn::If [HasEnvironmentParameter, <ARN of fieldbookJobConflictHandler-${env}>, <ARN without env>]`.
 * The transformer declares that condition in each model's stack but not in ConnectionStack, where
 * those resolvers are, and CloudFormation refuses ConnectionStack ("unresolved condition dependency
 * HasEnvironmentParameter in Fn::If"). The CLI compiles the stacks for one environment at a time, so
 * there the ARN becomes the environment's own: `...:function:fieldbookJobConflictHandler-<env>`.
 *
 * No imports: the CLI compiles this file alone (build/tsconfig.resource.json, for ES2015), and the
 * structural types below are all it needs of the transformer's resources.
 */

const CONDITION = 'HasEnvironmentParameter';

interface FunctionConfiguration {
  stack: { resolve(value: unknown): unknown; node: { tryFindChild(id: string): unknown } };
  syncConfig?: { lambdaConflictHandlerConfig?: { lambdaConflictHandlerArn?: unknown } };
  addPropertyOverride(path: string, value: unknown): void;
}

interface ApiResources {
  models?: Record<string, { appsyncFunctions?: Record<string, FunctionConfiguration> }>;
}

interface ProjectInfo {
  envName: string;
}

/** The ARN pattern of the condition's true branch, `Fn::Sub [pattern, { env: ... }]`, if that is what `arn` is. */
function environmentBranch(resolved: unknown): string | undefined {
  const branches = (resolved as { 'Fn::If'?: unknown[] } | null)?.['Fn::If'];
  if (!Array.isArray(branches) || branches[0] !== CONDITION) return undefined;
  const sub = (branches[1] as { 'Fn::Sub'?: unknown } | null)?.['Fn::Sub'];
  const pattern: unknown = Array.isArray(sub) ? sub[0] : sub;
  return typeof pattern === 'string' ? pattern : undefined;
}

// The CLI compiles for ES2015, which has Object.keys but not Object.values.
const valuesOf = <T>(record: Record<string, T> | undefined): T[] =>
  Object.keys(record ?? {}).map((key) => (record as Record<string, T>)[key] as T);

export function override(resources: ApiResources, project: ProjectInfo): void {
  for (const stack of valuesOf(resources.models)) {
    for (const fn of valuesOf(stack.appsyncFunctions)) {
      const arn = fn.syncConfig?.lambdaConflictHandlerConfig?.lambdaConflictHandlerArn;
      if (arn === undefined || fn.stack.node.tryFindChild(CONDITION)) continue;
      const pattern = environmentBranch(fn.stack.resolve(arn));
      if (pattern === undefined) continue;
      fn.addPropertyOverride('SyncConfig.LambdaConflictHandlerConfig.LambdaConflictHandlerArn', {
        'Fn::Sub': pattern.split('${env}').join(project.envName),
      });
    }
  }
}
