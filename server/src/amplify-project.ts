import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths and settings of the Amplify (Gen 1) backend definition kept in `amplify/`. */

// server/src here and server/dist once compiled: the repository is two levels up from either.
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const apiDirectory = join(repositoryRoot, 'amplify', 'backend', 'api', 'fieldbook');
export const schemaPath = join(apiDirectory, 'schema.graphql');
export const cliInputsPath = join(apiDirectory, 'cli-inputs.json');
export const cliFeatureFlagsPath = join(repositoryRoot, 'amplify', 'cli.json');

/** The AppSync schema `npm run transform` made from amplify/, committed so the server needs no build tools. */
export const transformedSchemaArtifact = join(repositoryRoot, 'server', 'generated', 'appsync-schema.graphql');

export function readTransformedSchema(): string {
  try {
    return readFileSync(transformedSchemaArtifact, 'utf8');
  } catch {
    throw new Error(`${transformedSchemaArtifact} is missing: run \`npm run transform\``);
  }
}

export function readSchema(): string {
  return readFileSync(schemaPath, 'utf8');
}

interface CliFeatureFlags {
  features: { graphqltransformer: Record<string, boolean>; codegen: Record<string, boolean> };
}

export function readFeatureFlags(): CliFeatureFlags['features'] {
  return (JSON.parse(readFileSync(cliFeatureFlagsPath, 'utf8')) as CliFeatureFlags).features;
}

export const authBackendDirectory = join(repositoryRoot, 'amplify', 'backend', 'auth');

/**
 * Whether the project's identity pool gives guests credentials: `allowUnauthenticatedIdentities`
 * as `amplify add auth` writes it in amplify/backend/auth/<resource>/cli-inputs.json. A project
 * without an auth resource has only the server's own guest pool.
 */
export function readAllowGuests(directory = authBackendDirectory): boolean {
  if (!existsSync(directory)) return true;
  const resources = readdirSync(directory).filter((name) => existsSync(join(directory, name, 'cli-inputs.json')));
  return resources.every((name) => {
    const inputs = JSON.parse(readFileSync(join(directory, name, 'cli-inputs.json'), 'utf8')) as {
      cognitoConfig?: { allowUnauthenticatedIdentities?: unknown };
    };
    return inputs.cognitoConfig?.allowUnauthenticatedIdentities === true;
  });
}
