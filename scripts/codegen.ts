/**
 * `npm run codegen`: regenerates the DataStore models in src/models from amplify/'s schema with
 * Amplify's own model generator (what `amplify codegen models` runs), offline and deterministic.
 * `--check` writes nothing and exits 1 when the committed models differ.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DefaultDirectives } from '@aws-amplify/graphql-directives';
import { generateModels } from '@aws-amplify/graphql-generator';

import { readFeatureFlags, readSchema, repositoryRoot } from '../server/src/amplify-project.ts';

export const modelsDirectory = join(repositoryRoot, 'src', 'models');
export const serviceWorkerConfigPath = join(repositoryRoot, 'ngsw-config.json');

/**
 * The models' schema hash travels with each app version in the service worker manifest
 * (`appData.modelsVersion`), so a running app can tell whether an update would make DataStore
 * wipe the device's database, outbox included, before it applies it.
 */
export function modelsVersionOf(schemaJs: string): string {
  const match =
    /"version":\s*"([0-9a-f]+)"\s*\n\s*\};?\s*$/m.exec(schemaJs) ?? /"version":\s*"([0-9a-f]+)"/.exec(schemaJs);
  if (!match?.[1]) throw new Error('generated schema.js has no version hash');
  return match[1];
}

interface ServiceWorkerConfig {
  appData?: { modelsVersion?: string };
}

function readServiceWorkerConfig(): ServiceWorkerConfig & Record<string, unknown> {
  return JSON.parse(readFileSync(serviceWorkerConfigPath, 'utf8')) as ServiceWorkerConfig & Record<string, unknown>;
}

export function serviceWorkerModelsVersion(): string | undefined {
  return readServiceWorkerConfig().appData?.modelsVersion;
}

function writeServiceWorkerModelsVersion(modelsVersion: string): void {
  const text = readFileSync(serviceWorkerConfigPath, 'utf8');
  const updated = text.replace(/("modelsVersion":\s*")[0-9a-f]*(")/, `$1${modelsVersion}$2`);
  if (!updated.includes(modelsVersion)) throw new Error('ngsw-config.json needs an appData.modelsVersion entry');
  writeFileSync(serviceWorkerConfigPath, updated);
}

/** DataStore's model files (index.js, schema.js, typings) for `schema`, amplify/'s when omitted. */
export async function generateModelFiles(schema = readSchema()): Promise<Record<string, string>> {
  const { graphqltransformer, codegen } = readFeatureFlags();
  const files = await generateModels({
    schema,
    target: 'javascript',
    directives: DefaultDirectives.map((directive) => directive.definition).join('\n'),
    isDataStoreEnabled: true,
    generateIndexRules: codegen['generateindexrules'],
    emitAuthProvider: codegen['emitauthprovider'],
    useExperimentalPipelinedTransformer: graphqltransformer['useexperimentalpipelinedtransformer'],
    transformerVersion: 2,
    respectPrimaryKeyAttributesOnConnectionField: graphqltransformer['respectprimarykeyattributesonconnectionfield'],
    improvePluralization: graphqltransformer['improvepluralization'],
    generateModelsForLazyLoadAndCustomSelectionSet: codegen['generatemodelsforlazyloadandcustomselectionset'],
    addTimestampFields: codegen['addtimestampfields'],
    handleListNullabilityTransparently: codegen['handlelistnullabilitytransparently'],
  });
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [path.replace(/^.*[\\/]/, ''), content]));
}

function committedModelFiles(): Record<string, string> {
  try {
    return Object.fromEntries(
      readdirSync(modelsDirectory).map((name) => [name, readFileSync(join(modelsDirectory, name), 'utf8')]),
    );
  } catch {
    return {};
  }
}

export function differingFiles(generated: Record<string, string>, committed: Record<string, string>): string[] {
  const names = new Set([...Object.keys(generated), ...Object.keys(committed)]);
  return [...names].filter((name) => generated[name] !== committed[name]).sort();
}

async function main(): Promise<void> {
  const generated = await generateModelFiles();
  if (process.argv.includes('--check')) {
    const stale = differingFiles(generated, committedModelFiles());
    if (serviceWorkerModelsVersion() !== modelsVersionOf(generated['schema.js'] ?? '')) stale.push('ngsw-config.json');
    if (stale.length > 0) {
      console.error(`src/models is out of date (${stale.join(', ')}): run npm run codegen`);
      process.exit(1);
    }
    console.log('src/models matches amplify/backend/api/fieldbook/schema.graphql');
    return;
  }
  rmSync(modelsDirectory, { recursive: true, force: true });
  mkdirSync(modelsDirectory, { recursive: true });
  for (const [name, content] of Object.entries(generated)) {
    writeFileSync(join(modelsDirectory, name), content);
  }
  writeServiceWorkerModelsVersion(modelsVersionOf(generated['schema.js'] ?? ''));
  console.log(
    `wrote ${Object.keys(generated).sort().join(', ')} to src/models and the models version to ngsw-config.json`,
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''))) {
  await main();
}
