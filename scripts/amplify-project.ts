import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths and settings of the Amplify (Gen 1) backend definition kept in `amplify/`. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const apiDirectory = join(repositoryRoot, 'amplify', 'backend', 'api', 'fieldbook');
export const schemaPath = join(apiDirectory, 'schema.graphql');
export const cliInputsPath = join(apiDirectory, 'cli-inputs.json');
export const cliFeatureFlagsPath = join(repositoryRoot, 'amplify', 'cli.json');

export function readSchema(): string {
  return readFileSync(schemaPath, 'utf8');
}

interface CliFeatureFlags {
  features: { graphqltransformer: Record<string, boolean>; codegen: Record<string, boolean> };
}

export function readFeatureFlags(): CliFeatureFlags['features'] {
  return (JSON.parse(readFileSync(cliFeatureFlagsPath, 'utf8')) as CliFeatureFlags).features;
}
