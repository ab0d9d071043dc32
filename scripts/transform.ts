/**
 * `npm run transform`: runs the Amplify GraphQL transformer (the one `amplify push` deploys with)
 * over amplify/ offline and writes the resulting AppSync schema to
 * amplify/backend/api/fieldbook/build/schema.graphql, where the Amplify CLI puts it.
 * The local sync server loads the same output, so it serves what AWS would deploy.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { constructTransform } from '@aws-amplify/graphql-transformer';
import {
  constructDataSourceStrategies,
  DDB_DEFAULT_DATASOURCE_STRATEGY,
  type ResolverConfig,
  type SyncConfig,
} from '@aws-amplify/graphql-transformer-core';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { z } from 'zod';

import { apiDirectory, cliInputsPath, readFeatureFlags, readSchema } from './amplify-project.ts';

export const transformedSchemaPath = join(apiDirectory, 'build', 'schema.graphql');

const strategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('AUTOMERGE') }),
  z.object({ type: z.literal('OPTIMISTIC_CONCURRENCY') }),
  z.object({ type: z.literal('LAMBDA'), resolver: z.object({ type: z.string(), name: z.string() }) }),
]);
export type ConflictStrategy = z.infer<typeof strategySchema>;

const cliInputsSchema = z.object({
  serviceConfiguration: z.object({
    conflictResolution: z.object({
      defaultResolutionStrategy: strategySchema,
      perModelResolutionStrategy: z
        .array(z.object({ entityName: z.string(), resolutionStrategy: strategySchema }))
        .default([]),
    }),
  }),
});

export interface ConflictSettings {
  defaultStrategy: ConflictStrategy;
  perModel: Record<string, ConflictStrategy>;
}

export function readConflictSettings(path = cliInputsPath): ConflictSettings {
  const parsed = cliInputsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const { defaultResolutionStrategy, perModelResolutionStrategy } = parsed.serviceConfiguration.conflictResolution;
  return {
    defaultStrategy: defaultResolutionStrategy,
    perModel: Object.fromEntries(perModelResolutionStrategy.map((m) => [m.entityName, m.resolutionStrategy])),
  };
}

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

export function transformSchema(): string {
  const schema = readSchema();
  const flags = readFeatureFlags().graphqltransformer;
  const transform = constructTransform({
    transformersFactoryArgs: {},
    resolverConfig: resolverConfigFrom(readConflictSettings()),
    authConfig: { defaultAuthentication: { authenticationType: 'API_KEY' }, additionalAuthenticationProviders: [] },
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
    transform.transform({
      scope: stack,
      schema,
      dataSourceStrategies: constructDataSourceStrategies(schema, DDB_DEFAULT_DATASOURCE_STRATEGY),
      nestedStackProvider: { provide: (scope, name) => new NestedStack(scope, name) },
      assetProvider: {
        provide: (_scope, name, props) => {
          if (props.fileName === 'schema.graphql') captured = props.fileContent;
          return {
            assetHash: name,
            httpUrl: `local://${name}`,
            s3BucketName: 'local',
            s3ObjectKey: props.fileName,
            s3ObjectUrl: `local://${props.fileName}`,
          };
        },
      },
      synthParameters: { amplifyEnvironmentName: 'local', apiName: 'fieldbook' },
      sqlDirectiveDataSourceStrategies: [],
      rdsLayerMapping: {},
      rdsSnsTopicMapping: {},
    });
    app.synth();
    if (captured === undefined) throw new Error('the GraphQL transformer produced no schema.graphql');
    return captured;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''))) {
  const output = transformSchema();
  mkdirSync(join(apiDirectory, 'build'), { recursive: true });
  writeFileSync(transformedSchemaPath, output);
  console.log(`wrote ${transformedSchemaPath}`);
}
