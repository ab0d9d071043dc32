/**
 * The CLI validates each resource's cli-inputs.json against its own JSON schema before it builds the
 * resource (amplify-cli-core's CLIInputSchemaValidator, with Ajv); a file that does not validate
 * stops `amplify push` with no file named. This validates them the same way, beforehand, naming
 * the file and the property.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface Validator {
  (data: unknown): boolean;
  errors?: { dataPath?: string; message?: string; params?: unknown }[] | null;
}
type Ajv = new () => { compile(schema: unknown): Validator };

/** The schema each service's cli-inputs.json is validated with: the plugin, its folder and type. */
const SCHEMAS: Record<string, [plugin: string, folder: string, type: string]> = {
  AppSync: ['amplify-category-api', 'appsync', 'AppSyncCLIInputs'],
  Cognito: ['amplify-category-auth', 'cognito', 'CognitoCLIInputs'],
  S3: ['amplify-category-storage', 's3', 'S3UserInputs'],
};

/** Problems with the committed cli-inputs.json files of `backend`, one per error the CLI would stop at. */
export function cliInputsProblems(
  cliDirectory: string,
  backend: string,
  backendConfig: Record<string, Record<string, { service?: string }>>,
): { validated: string[]; problems: string[] } {
  const plugins = join(cliDirectory, 'node_modules', '@aws-amplify');
  const Ajv = createRequire(join(plugins, 'amplify-cli-core', 'package.json'))('ajv') as Ajv;
  const validated: string[] = [];
  const problems: string[] = [];
  for (const [category, resources] of Object.entries(backendConfig)) {
    for (const [name, { service = '' }] of Object.entries(resources)) {
      const schema = SCHEMAS[service];
      const inputs = join(backend, category, name, 'cli-inputs.json');
      if (!schema || !existsSync(inputs)) continue;
      const [plugin, folder, type] = schema;
      const file = `amplify/backend/${category}/${name}/cli-inputs.json`;
      validated.push(file);
      const validate = new Ajv().compile(
        JSON.parse(readFileSync(join(plugins, plugin, 'resources', 'schemas', folder, `${type}.schema.json`), 'utf8')),
      );
      if (validate(JSON.parse(readFileSync(inputs, 'utf8')))) continue;
      for (const error of validate.errors ?? [])
        problems.push(
          `${file}${error.dataPath ?? ''}: ${error.message ?? 'invalid'} ${JSON.stringify(error.params)} (${type})`,
        );
    }
  }
  return { validated, problems };
}
