/**
 * `npm run check:deploy`: runs the real Amplify CLI (Gen 1, its JavaScript implementation
 * @aws-amplify/cli-internal) without AWS over a copy of amplify/ as a checkout has it after
 * `amplify init`, and checks what it compiles and packages:
 * - `amplify api gql-compile`, `amplify status`, `amplify export` (which builds and zips the
 *   function and forms the root stack with the same code as `amplify push`) and `amplify build`
 *   (which compiles the API with its override, as push does last) succeed;
 * - every condition a compiled stack uses is declared in it;
 * - every stack is passed only parameters its template declares, and each one it has no default
 *   for: root → API and function stacks, API → its model stacks;
 * - every conflict handler ARN in the compiled API stacks names the function the function stack
 *   deploys (`<function>-<env>`), the one cli-inputs.json records as `<function>-${env}`;
 * - the function is packaged from src/ (index.js and package.json as committed) and its template
 *   is where the CLI uploads it from;
 * - the CLI leaves every committed file of amplify/ as it is, and writes nothing .gitignore misses;
 * - the compiled schema is the one the local server serves (server/generated/appsync-schema.graphql);
 * - accounts (check-deploy/accounts.ts): a user pool where only an administrator creates users, with
 *   exactly the local server's groups; a web client that allows SRP sign-in and refresh, with the
 *   local server's token lifetimes; an identity pool that takes its sign-ins and gives guests
 *   nothing; an API that takes the pool's tokens only (no API key a model allows); bucket policies
 *   that give the role each signed-in person gets (by group, where the pool maps roles from the
 *   token) exactly the local server's signed-in grants (server/src/objects/signed-in-access.ts) and
 *   guests none; and an amplifyconfiguration.json (from the CLI's own generator) that names the
 *   user pool, its client, the identity pool and the bucket where the local server's names its own.
 * Nothing reaches AWS: there are no credentials (HOME is a temporary folder) and nothing is pushed;
 * the one thing fetched is the override's build dependency (npm install in amplify/backend/).
 * The CLI is installed once into a folder under the system's temporary directory, outside the
 * repository, and reused while its pinned versions stay the same. `--keep` keeps the temporary project.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { readTransformedSchema, repositoryRoot } from '../server/src/amplify-project.ts';
import { readConflictSettings } from '../server/src/conflict/conflict-settings.ts';
import { amplifyFunctionName } from '../server/src/conflict/lambda-handler.ts';
import { checkAccounts } from './check-deploy/accounts.ts';
import { cliInputsProblems } from './check-deploy/cli-inputs.ts';
import {
  ACCOUNT,
  evaluate,
  type Json,
  type JsonObject,
  lambdaArn,
  lambdaInvocationTargets,
  parameterProblems,
  REGION,
  stackScope,
  type Template,
  undeclaredConditions,
} from './check-deploy/cloudformation.ts';
import { compareSchemas } from './check-deploy/schema.ts';
import { readZip } from './check-deploy/zip.ts';

const CLI_PACKAGE = '@aws-amplify/cli-internal';
const CLI_VERSION = '14.2.2';
/**
 * cli-internal 14.2.2 asks for @aws-amplify/amplify-category-api ^5.15.1, which resolves to 5.15.7,
 * whose exact pins (@aws-amplify/graphql-auth-transformer 3.6.17, @aws-amplify/graphql-transformer
 * 1.8.6) the registry this project installs from does not hold. 5.15.3, the release before, pins
 * transformer packages it does hold (graphql-auth-transformer 3.6.15, graphql-transformer 1.8.4),
 * so the category is pinned there: a published, self-consistent set rather than a mix of versions.
 */
const OVERRIDES = { '@aws-amplify/amplify-category-api': '5.15.3' };
const ENV = 'dev';
const API = 'fieldbook';

const keep = process.argv.includes('--keep');
const problems: string[] = [];
let checks = 0;

function check(description: string, found: string[]): void {
  checks += 1;
  console.log(`${found.length === 0 ? '✔' : '✖'} ${description}`);
  for (const problem of found) console.log(`    ${problem}`);
  problems.push(...found);
}

const readJson = <T = JsonObject>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const writeJson = (path: string, value: unknown): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};
const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)} s`;
// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

// ---------------------------------------------------------------------------------------------
// The CLI, installed once outside the repository

interface InstalledCli {
  entry: string;
  /** The CLI's package folder, where its plugins are. */
  directory: string;
  versions: string;
  npm: NodeJS.ProcessEnv;
}

function installCli(): InstalledCli {
  const manifest = {
    name: 'fieldbook-amplify-cli',
    private: true,
    dependencies: { [CLI_PACKAGE]: CLI_VERSION },
    overrides: OVERRIDES,
  };
  const key = createHash('sha256').update(JSON.stringify(manifest)).digest('hex').slice(0, 12);
  const folder = join(tmpdir(), 'fieldbook-amplify-cli', `${CLI_VERSION}-${key}`);
  const marker = join(folder, '.installed');
  const start = performance.now();
  let how = `cached in ${folder}`;
  if (!existsSync(marker)) {
    rmSync(folder, { recursive: true, force: true });
    writeJson(join(folder, 'package.json'), manifest);
    console.log(`installing ${CLI_PACKAGE}@${CLI_VERSION} into ${folder} (a few minutes, once)…`);
    // --ignore-scripts: no install script runs, so nothing downloads a binary (the CLI's own only
    // prints a banner). --install-strategy=shallow lays the CLI's dependencies out under its own
    // node_modules, as a global install does: that is where it looks for its plugins.
    const npm = spawnSync(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--install-strategy=shallow', '--loglevel=error'],
      { cwd: folder, stdio: 'inherit', timeout: 20 * 60_000 },
    );
    if (npm.status !== 0) {
      console.error(`npm install of ${CLI_PACKAGE}@${CLI_VERSION} failed`);
      process.exit(1);
    }
    writeFileSync(marker, JSON.stringify(manifest));
    how = `installed in ${seconds(start)} into ${folder}`;
  }
  const cliDirectory = join(folder, 'node_modules', ...CLI_PACKAGE.split('/'));
  const versionOf = (directory: string) => readJson<{ version: string }>(join(directory, 'package.json')).version;
  const categoryApi = join(cliDirectory, 'node_modules', '@aws-amplify', 'amplify-category-api');
  return {
    entry: join(cliDirectory, 'bin', 'amplify'),
    directory: cliDirectory,
    versions: `${CLI_PACKAGE} ${versionOf(cliDirectory)}, @aws-amplify/amplify-category-api ${versionOf(categoryApi)} (${how})`,
    npm: npmSettings(),
  };
}

// ---------------------------------------------------------------------------------------------
// A checkout of the project after `amplify init` of a new environment

const stackName = `amplify-${API}-${ENV}-000000`;
const providerMeta = {
  AuthRoleName: `${stackName}-authRole`,
  UnauthRoleName: `${stackName}-unauthRole`,
  AuthRoleArn: `arn:aws:iam::${ACCOUNT}:role/${stackName}-authRole`,
  UnauthRoleArn: `arn:aws:iam::${ACCOUNT}:role/${stackName}-unauthRole`,
  Region: REGION,
  DeploymentBucketName: `${stackName}-deployment`,
  StackName: stackName,
  StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${stackName}/00000000-0000-0000-0000-000000000000`,
  AmplifyAppId: 'd000000000000',
};

/** The files of amplify/ a clone has: committed, or new and not ignored. */
function checkoutFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', 'amplify'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  if (git.status !== 0) throw new Error(`git ls-files failed: ${git.stderr}`);
  return git.stdout
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(repositoryRoot, file)))
    .sort();
}

function makeProject(project: string, files: string[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(project, file)), { recursive: true });
    cpSync(join(repositoryRoot, file), join(project, file));
  }
  const amplify = join(project, 'amplify');
  // What `amplify init` writes beside the committed files (all of it is ignored by .gitignore):
  // the current environment, how to reach its account, the environment's root stack, and the
  // deployed state, which for a new environment holds the root stack alone.
  writeJson(join(amplify, '.config', 'local-env-info.json'), {
    projectPath: project,
    defaultEditor: 'none',
    envName: ENV,
  });
  writeJson(join(amplify, '.config', 'local-aws-info.json'), {
    [ENV]: { configLevel: 'project', useProfile: true, profileName: 'default' },
  });
  writeJson(join(amplify, 'team-provider-info.json'), { [ENV]: { awscloudformation: providerMeta } });
  const backendConfig = readJson(join(amplify, 'backend', 'backend-config.json'));
  writeJson(join(amplify, 'backend', 'amplify-meta.json'), {
    providers: { awscloudformation: providerMeta },
    ...backendConfig,
  });
  writeJson(join(amplify, '#current-cloud-backend', 'amplify-meta.json'), {
    providers: { awscloudformation: providerMeta },
  });
  writeJson(join(amplify, '#current-cloud-backend', 'backend-config.json'), {});
}

/** npm's own settings (registry, cache), which the CLI's npm install of the override build needs under the temporary HOME. */
function npmSettings(): NodeJS.ProcessEnv {
  const get = (key: string) => spawnSync('npm', ['config', 'get', key], { encoding: 'utf8' }).stdout.trim();
  return { npm_config_userconfig: get('userconfig'), npm_config_cache: get('cache') };
}

function runCli(cli: InstalledCli, project: string, home: string, args: string[]): string {
  const environment: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|AMPLIFY_)/.test(name)),
  );
  const start = performance.now();
  const result = spawnSync(process.execPath, [cli.entry, ...args], {
    cwd: project,
    encoding: 'utf8',
    input: '',
    timeout: 5 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...environment,
      ...cli.npm,
      HOME: home,
      USERPROFILE: home,
      AMPLIFY_CLI_ENABLE_USAGE_DATA: 'false',
      NO_UPDATE_NOTIFIER: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
  });
  const output = plain(`${result.stdout}${result.stderr}`);
  const failed = result.status !== 0 || /🛑|Error:/.test(output);
  check(`amplify ${args.join(' ')} (${seconds(start)})`, failed ? [`exit ${result.status}:`, output.trim()] : []);
  return output;
}

// ---------------------------------------------------------------------------------------------
// The checks

interface ExportManifest {
  props: { templateFile: string; parameters: JsonObject; loadNestedStacks: Record<string, NestedManifest> };
}
interface NestedManifest {
  templateFile: string;
  parameters?: JsonObject;
}

/** The model stacks of the API stack, by logical id, from the template file their TemplateURL ends in. */
function nestedStackFiles(template: Template, stacksDirectory: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const url = JSON.stringify(resource.Properties?.['TemplateURL'] ?? '');
    const file = /\/stacks\/([^"/]+\.json)"/.exec(url)?.[1];
    files.set(id, file ? join(stacksDirectory, file) : '');
  }
  return files;
}

function checkStacks(project: string, exported: string, cli: InstalledCli): void {
  const backend = join(project, 'amplify', 'backend');
  const apiBuild = join(backend, 'api', API, 'build');
  const manifest = readJson<ExportManifest>(join(exported, 'amplify-export-manifest.json'));
  const root = readJson<Template>(join(exported, manifest.props.templateFile));
  const rootScope = stackScope(root, manifest.props.parameters as Record<string, Json>, stackName);

  check(
    `the root stack gets the parameters it declares (${Object.keys(manifest.props.parameters).join(', ')})`,
    parameterProblems('root stack', root, Object.keys(manifest.props.parameters)),
  );

  // What the root stack passes each category stack: the values `amplify push` forms (the export
  // keeps scalars in its manifest and references in the template), plus, for a function it builds,
  // where its zip is: push stores deploymentBucketName and s3Key for it when it uploads the zip.
  const backendConfig = readJson<Record<string, Record<string, { build?: boolean }>>>(
    join(backend, 'backend-config.json'),
  );
  const passedByRoot = new Map<string, Record<string, Json>>();
  const compiled: [string, Template][] = [['root stack', root]];
  for (const [id, nested] of Object.entries(manifest.props.loadNestedStacks)) {
    const references = (root.Resources[id]?.Properties?.['Parameters'] ?? {}) as JsonObject;
    const passed = { ...(nested.parameters ?? {}), ...(evaluate(references, rootScope) as JsonObject) };
    const built = Object.entries(backendConfig['function'] ?? {}).find(
      ([name, f]) => id === `function${name}` && f.build,
    );
    if (built) Object.assign(passed, { deploymentBucketName: providerMeta.DeploymentBucketName, s3Key: 'build.zip' });
    passedByRoot.set(id, passed);
    const template = readJson<Template>(join(exported, nested.templateFile));
    compiled.push([id, template]);
    check(
      `root → ${id}: passes ${Object.keys(passed).sort().join(', ') || 'nothing'}; the template declares each, and gets every one without a default`,
      parameterProblems(id, template, Object.keys(passed)),
    );
  }

  // The API stack as gql-compile leaves it in build/ (what push uploads), and its model stacks.
  const apiId = `api${API}`;
  const apiTemplate = readJson<Template>(join(apiBuild, 'cloudformation-template.json'));
  const apiScope = stackScope(apiTemplate, passedByRoot.get(apiId) ?? {}, apiId);
  compiled.push([`${apiId} (build/)`, apiTemplate]);
  const scopes = [apiScope];
  const nestedProblems: string[] = [];
  const nestedFiles = nestedStackFiles(apiTemplate, join(apiBuild, 'stacks'));
  for (const [id, file] of nestedFiles) {
    if (!file || !existsSync(file)) {
      nestedProblems.push(`${id}: no compiled template in build/stacks/`);
      continue;
    }
    const template = readJson<Template>(file);
    compiled.push([`${apiId}/${id}`, template]);
    const passed = evaluate(
      (apiTemplate.Resources[id]?.Properties?.['Parameters'] ?? {}) as JsonObject,
      apiScope,
    ) as JsonObject;
    nestedProblems.push(...parameterProblems(`${apiId}/${id}`, template, Object.keys(passed)));
    scopes.push(stackScope(template, passed, `${apiId}/${id}`));
  }
  check(
    `${apiId} → its ${nestedFiles.size} nested stacks (${[...nestedFiles.keys()].join(', ')}): each gets the parameters it declares`,
    nestedProblems,
  );

  check(
    `every condition the ${compiled.length} compiled stacks use is declared where it is used (${compiled.map(([name]) => name).join(', ')})`,
    compiled.flatMap(([name, template]) =>
      undeclaredConditions(template).map(
        (condition) => `${name}: uses condition ${condition}, which it does not declare`,
      ),
    ),
  );

  // Each conflict handler: cli-inputs.json's name, the function the stacks deploy, the ARN AppSync calls.
  const handlerNames = [
    ...new Set(
      [readConflictSettings(join(backend, 'api', API, 'cli-inputs.json'))]
        .flatMap((settings) => [settings.defaultStrategy, ...Object.values(settings.perModel)])
        .flatMap((strategy) => (strategy.type === 'LAMBDA' ? [strategy.resolver.name] : [])),
    ),
  ];
  const expectedArns = new Set<string>();
  for (const handlerName of handlerNames) {
    const name = amplifyFunctionName(handlerName);
    const found: string[] = [];
    const functionId = `function${name}`;
    const uploaded = join(
      backend,
      'awscloudformation',
      'build',
      'function',
      name,
      `${name}-cloudformation-template.json`,
    );
    if (!backendConfig['function']?.[name]) found.push(`backend-config.json has no function ${name}`);
    if (!existsSync(uploaded)) found.push(`the CLI built no template for ${name} at ${relative(project, uploaded)}`);
    if (found.length === 0) {
      const template = readJson<Template>(uploaded);
      const scope = stackScope(template, passedByRoot.get(functionId) ?? {}, functionId);
      const lambda = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
      let deployed: Json = null;
      try {
        deployed = lambda ? evaluate(lambda.Properties?.['FunctionName'] ?? null, scope) : null;
      } catch (error) {
        found.push(`the function's name cannot be evaluated: ${(error as Error).message}`);
      }
      const recorded = handlerName.replaceAll('${env}', ENV);
      if (deployed !== recorded) {
        found.push(
          `cli-inputs.json names ${handlerName} (${recorded} in ${ENV}), the function stack deploys ${String(deployed)}`,
        );
      }
      expectedArns.add(lambdaArn(String(deployed)));
    }
    check(
      `conflict handler ${handlerName}: function ${name}, deployed in ${ENV} as ${handlerName.replaceAll('${env}', ENV)}`,
      found,
    );
  }
  const arns = scopes.flatMap((scope) =>
    lambdaInvocationTargets(scope.template).map((target) => {
      try {
        return { stack: scope.stackName, arn: evaluate(target, scope) };
      } catch (error) {
        return { stack: scope.stackName, arn: `cannot be evaluated: ${(error as Error).message}` };
      }
    }),
  );
  const wrong = arns.filter(({ arn }) => typeof arn !== 'string' || !expectedArns.has(arn));
  const unused = [...expectedArns].filter((arn) => !arns.some((found) => found.arn === arn));
  check(
    `the ${arns.length} Lambda ARNs in the compiled API stacks (conflict handlers and invoke grants) name the deployed function: ${[...expectedArns].join(', ')}`,
    [
      ...wrong.map(({ stack, arn }) => `${stack}: ${JSON.stringify(arn)}`),
      ...unused.map((arn) => `no compiled stack calls ${arn}`),
      ...(handlerNames.length > 0 && arns.length === 0 ? ['the compiled stacks call no Lambda function'] : []),
    ],
  );

  // The function as the CLI packages it: the zip of src/ and the template beside it.
  for (const name of Object.keys(backendConfig['function'] ?? {})) {
    const found: string[] = [];
    const source = join(repositoryRoot, 'amplify', 'backend', 'function', name, 'src');
    const builds = join(exported, 'function', name, 'amplify-builds');
    const zips = existsSync(builds) ? readdirSync(builds).filter((file) => file.endsWith('.zip')) : [];
    if (zips.length !== 1) found.push(`the export has ${zips.length} zips for ${name}`);
    else {
      const zip = readZip(readFileSync(join(builds, zips[0] ?? '')));
      for (const file of ['index.js', 'package.json']) {
        const committed = join(source, file);
        if (!existsSync(committed)) found.push(`${relative(repositoryRoot, committed)} is missing`);
        else if (!zip.get(file)?.equals(readFileSync(committed))) {
          found.push(`the zip's ${file} is not ${relative(repositoryRoot, committed)}`);
        }
      }
    }
    const template = join(exported, 'function', name, `${name}-cloudformation-template.json`);
    if (!existsSync(template)) found.push(`the CLI took no ${basename(template)} for ${name}`);
    check(
      `function ${name}: the CLI zips src/ (index.js and package.json at the zip's root, as committed) and deploys ${name}/${name}-cloudformation-template.json`,
      found,
    );
  }

  checkAccounts(
    {
      backendConfig: readJson(join(backend, 'backend-config.json')),
      nested: (id) => {
        const nested = manifest.props.loadNestedStacks[id];
        if (!nested) return undefined;
        // Nested stacks are named <root>-<logical id>-<suffix>; a bucket's name takes the root's suffix from it.
        const template = readJson<Template>(join(exported, nested.templateFile));
        return stackScope(template, passedByRoot.get(id) ?? {}, `${stackName}-${id}-1A2B3C4D5E6F7`);
      },
      root: rootScope,
      api: apiScope,
      apiName: API,
      compiledSchema: readFileSync(join(apiBuild, 'schema.graphql'), 'utf8'),
      cliDirectory: cli.directory,
    },
    check,
  );
}

/** A function template's Description is stamped by the CLI on the first push of an environment. */
function comparable(file: string, content: Buffer): unknown {
  if (!file.endsWith('.json')) return content;
  const value = JSON.parse(content.toString('utf8')) as Record<string, unknown>;
  if (file.endsWith('-cloudformation-template.json')) delete value['Description'];
  return value;
}

function checkCommittedFilesUnchanged(project: string, files: string[]): void {
  const found: string[] = [];
  for (const file of files) {
    const after = join(project, file);
    if (!existsSync(after)) found.push(`${file}: removed`);
    else if (
      !isDeepStrictEqual(
        comparable(file, readFileSync(join(repositoryRoot, file))),
        comparable(file, readFileSync(after)),
      )
    ) {
      found.push(`${file}: changed`);
    }
  }
  const known = new Set(files);
  const written = filesUnder(join(project, 'amplify'))
    .map((path) => relative(project, path).split(sep).join('/'))
    .filter((file) => !known.has(file));
  const ignored = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], {
    cwd: repositoryRoot,
    input: written.join('\n'),
    encoding: 'utf8',
  });
  const ignoredFiles = new Set(ignored.stdout.split('\n'));
  for (const file of written) if (!ignoredFiles.has(file)) found.push(`${file}: written by the CLI and not ignored`);
  check(
    `the CLI leaves the ${files.length} committed files of amplify/ as they are (a first push stamps a template's Description) and the ${written.length} files it writes are all ignored by .gitignore`,
    found,
  );
}

function checkSchema(project: string): void {
  const compiled = readFileSync(join(project, 'amplify', 'backend', 'api', API, 'build', 'schema.graphql'), 'utf8');
  const comparison = compareSchemas(compiled, readTransformedSchema());
  const extra = comparison.unusedExtraInputs;
  check(
    `the CLI's compiled schema is the one the local server serves: ${comparison.same} definitions alike` +
      (extra.length > 0 ? `; the server's also has ${extra.join(', ')}, an input type nothing refers to` : ''),
    comparison.problems.map((problem) => `server/generated/appsync-schema.graphql: ${problem}`),
  );
}

function main(): void {
  const started = performance.now();
  const cli = installCli();
  console.log(`Amplify CLI: ${cli.versions}`);
  const run = mkdtempSync(join(tmpdir(), 'fieldbook-check-deploy-'));
  const project = join(run, 'project');
  const home = join(run, 'home');
  const exported = join(run, 'export');
  mkdirSync(home, { recursive: true });
  mkdirSync(exported, { recursive: true });
  const files = checkoutFiles();
  makeProject(project, files);
  console.log(
    `project: ${project} (environment ${ENV}; ${files.length} files of amplify/ and the state \`amplify init\` leaves)`,
  );

  check(
    'amplify/.config/project-config.json is committed (without it `amplify init` takes the checkout for a new project and empties backend-config.json)',
    files.includes('amplify/.config/project-config.json')
      ? []
      : ['amplify/.config/project-config.json is not committed'],
  );
  const inputs = cliInputsProblems(
    cli.directory,
    join(project, 'amplify', 'backend'),
    readJson(join(project, 'amplify', 'backend', 'backend-config.json')),
  );
  check(
    `${inputs.validated.join(', ')} validate against the CLI's own schemas, as the CLI checks them before it builds (a failure stops \`amplify push\` without naming the file)`,
    inputs.problems,
  );
  runCli(cli, project, home, ['api', 'gql-compile']);
  const status = runCli(cli, project, home, ['status']);
  const backendConfig = readJson<Record<string, JsonObject>>(
    join(project, 'amplify', 'backend', 'backend-config.json'),
  );
  const resources = Object.values(backendConfig).flatMap((category) => Object.keys(category));
  check(
    `amplify status lists ${resources.join(', ')}`,
    resources.filter((name) => !new RegExp(`\\b${name}\\b`).test(status)).map((name) => `${name} is not listed`),
  );
  runCli(cli, project, home, ['export', '--out', exported, '--yes']);
  // Last, as in `amplify push`: compile the API with its override (export compiles once more without it).
  runCli(cli, project, home, ['build']);

  const exportedProject = join(exported, `amplify-export-${API}`);
  const compiledApi = join(project, 'amplify', 'backend', 'api', API, 'build', 'cloudformation-template.json');
  if (existsSync(join(exportedProject, 'amplify-export-manifest.json')) && existsSync(compiledApi)) {
    checkStacks(project, exportedProject, cli);
    checkCommittedFilesUnchanged(project, files);
    checkSchema(project);
  }

  console.log(
    `\n${problems.length === 0 ? 'passed' : 'FAILED'}: ${checks} checks, ${problems.length} problems (${seconds(started)})`,
  );
  if (problems.length === 0 && !keep) rmSync(run, { recursive: true, force: true });
  else console.log(`the temporary project is kept in ${run}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main();
