/**
 * `npm run transform`: runs the Amplify GraphQL transformer (the one `amplify push` deploys with)
 * over amplify/ offline and writes the resulting AppSync schema to
 * amplify/backend/api/fieldbook/build/schema.graphql, where the Amplify CLI puts it, and to
 * server/generated/appsync-schema.graphql, which is committed: the local sync server loads it, so it
 * serves what AWS would deploy without the transformer (a build tool) at run time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type * as TransformerModule from '@aws-amplify/graphql-transformer';
import type * as TransformerCoreModule from '@aws-amplify/graphql-transformer-core';
import type { ResolverConfig, SyncConfig } from '@aws-amplify/graphql-transformer-core';
import type * as CdkModule from 'aws-cdk-lib';

import {
  apiDirectory,
  readFeatureFlags,
  readSchema,
  transformedSchemaArtifact,
} from '../server/src/amplify-project.ts';
import { type ApiAuthModes, type AuthMode, readApiAuthModes } from '../server/src/auth/auth-modes.ts';
import {
  type ConflictSettings,
  type ConflictStrategy,
  readConflictSettings,
} from '../server/src/conflict/conflict-settings.ts';
import { cachedTransform } from './transform-cache.ts';

// Loaded when a schema is transformed, not on import: most of the time the output is cached.
const require = createRequire(import.meta.url);

export const transformedSchemaPath = join(apiDirectory, 'build', 'schema.graphql');

function toSyncConfig(strategy: ConflictStrategy): SyncConfig {
  // The transformer's ConflictHandlerType is a const enum, which isolatedModules cannot import.
  if (strategy.type === 'LAMBDA') {
    return {
      ConflictDetection: 'VERSION',
      ConflictHandler: 'LAMBDA',
      LambdaConflictHandler: { name: strategy.resolver.name },
    } as unknown as SyncConfig;
  }
  return { ConflictDetection: 'VERSION', ConflictHandler: strategy.type } as unknown as SyncConfig;
}

export function resolverConfigFrom(settings: ConflictSettings): ResolverConfig {
  return {
    project: toSyncConfig(settings.defaultStrategy),
    models: Object.fromEntries(Object.entries(settings.perModel).map(([model, s]) => [model, toSyncConfig(s)])),
  };
}

/** The AppSync schema of amplify/, with the authorization modes its cli-inputs.json records. */
export function transformSchema(): string {
  return transformSdl(readSchema(), readConflictSettings(), authConfigOf(readApiAuthModes()));
}

/** The AppSync schema the transformer makes of `schema` with amplify/'s feature flags and `conflicts`. */
/** The API's authorization modes as the transformer takes them (`amplify add api` records them in cli-inputs.json). */
export type TransformAuthConfig = Parameters<typeof TransformerModule.constructTransform>[0]['authConfig'];
const API_KEY_ONLY: TransformAuthConfig = {
  defaultAuthentication: { authenticationType: 'API_KEY' },
  additionalAuthenticationProviders: [],
};

/**
 * The transformer's view of the API's modes. A user pool's id only names a stack parameter in the
 * compiled output, which the schema does not show.
 */
export function authConfigOf(modes: ApiAuthModes): TransformAuthConfig {
  const provider = (mode: AuthMode) =>
    mode === 'AMAZON_COGNITO_USER_POOLS'
      ? { authenticationType: mode, userPoolConfig: { userPoolId: 'local_transform' } }
      : { authenticationType: mode };
  return {
    defaultAuthentication: provider(modes.defaultMode),
    additionalAuthenticationProviders: [...modes.modes].filter((mode) => mode !== modes.defaultMode).map(provider),
  } as TransformAuthConfig;
}

export function transformSdl(
  schema: string,
  conflicts: ConflictSettings,
  authConfig: TransformAuthConfig = API_KEY_ONLY,
): string {
  return transformWithResolvers(schema, conflicts, authConfig).sdl;
}

/** The transformer's output: the AppSync schema and every resolver template by file name (`Mutation.createJob.auth.1.req.vtl`). */
export function transformWithResolvers(
  schema: string,
  conflicts: ConflictSettings,
  authConfig: TransformAuthConfig = API_KEY_ONLY,
): { sdl: string; resolvers: Map<string, string> } {
  const flags = readFeatureFlags().graphqltransformer;
  const made = cachedTransform({ schema, conflicts, authConfig, flags }, () => {
    const { sdl, resolvers } = runTransformer(schema, conflicts, authConfig, flags);
    return { sdl, resolvers: [...resolvers] };
  });
  return { sdl: made.sdl, resolvers: new Map(made.resolvers) };
}

function runTransformer(
  schema: string,
  conflicts: ConflictSettings,
  authConfig: TransformAuthConfig,
  flags: ReturnType<typeof readFeatureFlags>['graphqltransformer'],
): { sdl: string; resolvers: Map<string, string> } {
  const { constructTransform } = require('@aws-amplify/graphql-transformer') as typeof TransformerModule;
  const { constructDataSourceStrategies, DDB_DEFAULT_DATASOURCE_STRATEGY } =
    require('@aws-amplify/graphql-transformer-core') as typeof TransformerCoreModule;
  const { App, NestedStack, Stack } = require('aws-cdk-lib') as typeof CdkModule;
  const transform = constructTransform({
    transformersFactoryArgs: {},
    resolverConfig: resolverConfigFrom(conflicts),
    authConfig,
    transformParameters: {
      enableTransformerCfnOutputs: true,
      shouldDeepMergeDirectiveConfigDefaults: flags['shoulddeepmergedirectiveconfigdefaults'] ?? false,
      disableResolverDeduping: false,
      sandboxModeEnabled: false,
      allowDestructiveGraphqlSchemaUpdates: false,
      replaceTableUponGsiUpdate: false,
      allowGen1Patterns: true,
      useSubUsernameForDefaultIdentityClaim: flags['usesubusernamefordefaultidentityclaim'] ?? true,
      populateOwnerFieldForStaticGroupAuth: flags['populateownerfieldforstaticgroupauth'] ?? true,
      suppressApiKeyGeneration: false,
      subscriptionsInheritPrimaryAuth: flags['subscriptionsInheritPrimaryAuth'] ?? false,
      secondaryKeyAsGSI: flags['secondarykeyasgsi'] ?? true,
      enableAutoIndexQueryNames: flags['enableautoindexquerynames'] ?? true,
      respectPrimaryKeyAttributesOnConnectionField: flags['respectprimarykeyattributesonconnectionfield'] ?? true,
      enableSearchNodeToNodeEncryption: false,
      enableSearchEncryptionAtRest: false,
    },
  });
  // CDK insists on an output directory; keep it out of the repository.
  const outdir = mkdtempSync(join(tmpdir(), 'fieldbook-transform-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'fieldbook');
    let captured: string | undefined;
    const resolvers = new Map<string, string>();
    transform.transform({
      scope: stack,
      schema,
      dataSourceStrategies: constructDataSourceStrategies(schema, DDB_DEFAULT_DATASOURCE_STRATEGY),
      nestedStackProvider: { provide: (scope, name) => new NestedStack(scope, name) },
      assetProvider: {
        provide: (_scope, name, props) => {
          if (props.fileName === 'schema.graphql') captured = props.fileContent;
          else resolvers.set(props.fileName, props.fileContent);
          return {
            assetHash: name,
            httpUrl: `local://${name}`,
            s3BucketName: 'local',
            s3ObjectKey: props.fileName,
            s3ObjectUrl: `local://${props.fileName}`,
          };
        },
      },
      synthParameters: { amplifyEnvironmentName: 'local', apiName: 'fieldbook', userPoolId: 'local_transform' },
      sqlDirectiveDataSourceStrategies: [],
      rdsLayerMapping: {},
      rdsSnsTopicMapping: {},
    });
    app.synth();
    if (captured === undefined) throw new Error('the GraphQL transformer produced no schema.graphql');
    return { sdl: captured, resolvers };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''))) {
  const output = transformSchema();
  for (const path of [transformedSchemaPath, transformedSchemaArtifact]) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, output);
    console.log(`wrote ${path}`);
  }
}
