/**
 * Accounts as `amplify push` would deploy them, against the local server: the user pool where only an
 * administrator creates users and its groups, the web client Amplify Auth signs in with, the identity
 * pool without guests and the role each signed-in person gets from it, the API's authorization, the
 * bucket's grants to those roles, and the amplifyconfiguration.json the CLI's own generator writes.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { parseAmplifyConfig } from 'aws-amplify/utils';

import { readAllowGuests } from '../../server/src/amplify-project.ts';
import { readApiAuthModes } from '../../server/src/auth/auth-modes.ts';
import { readConfig } from '../../server/src/config.ts';
import { clientConfig } from '../../server/src/http/client-config.ts';
import { WIPE_MARK_ATTRIBUTE } from '../../server/src/user-pool/pool.ts';
import { GROUPS } from '../../server/src/user-pool/user-store.ts';
import {
  evaluate,
  idOf,
  type Json,
  type JsonObject,
  propertiesOf,
  REGION,
  resourcesOf,
  type Scope,
} from './cloudformation.ts';
import { checkCrewTags } from './crew-tags.ts';
import { groupsByRole, type PoolRoles, poolRoles } from './pool-roles.ts';
import { grantDifferences, roleGrants, serverSignedInGrants } from './role-grants.ts';

export type Check = (description: string, found: string[]) => void;

interface ResourceEntry {
  service?: string;
  frontendAuthConfig?: JsonObject;
  output?: JsonObject;
}

export interface DeployedStacks {
  backendConfig: Record<string, Record<string, ResourceEntry>>;
  /** A stack the root deploys, by logical id, with the parameters the root passes it; undefined if the CLI compiled none. */
  nested(id: string): Scope | undefined;
  root: Scope;
  /** The API stack as gql-compile leaves it in build/, with the parameters the root passes it. */
  api: Scope;
  apiName: string;
  compiledSchema: string;
  /** The CLI's package folder, where its plugins are. */
  cliDirectory: string;
}

interface AccountStacks {
  stacks: DeployedStacks;
  authId: string;
  auth: Scope;
  groups: Scope;
  storageId: string;
  storage: Scope;
}

const list = (value: Json | undefined): Json[] =>
  value === undefined ? [] : typeof value === 'string' ? value.split(',') : ([] as Json[]).concat(value);
const isTrue = (value: Json | undefined) => value === true || value === 'true';

export function outputValues(scope: Scope): Record<string, Json> {
  const outputs = evaluate(scope.template.Outputs ?? {}, scope) as Record<string, JsonObject>;
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output['Value'] ?? null]));
}

export function checkAccounts(stacks: DeployedStacks, check: Check): void {
  const named = (category: string, service: string) =>
    Object.entries(stacks.backendConfig[category] ?? {})
      .filter(([, entry]) => entry.service === service)
      .map(([name]) => `${category}${name}`);
  const found: string[] = [];
  const ids: string[] = [];
  for (const [category, service, what] of [
    ['auth', 'Cognito', 'a user pool and an identity pool (amplify add auth)'],
    ['auth', 'Cognito-UserPool-Groups', 'the user pool groups'],
    ['storage', 'S3', 'the photo bucket (amplify add storage)'],
  ] as const) {
    const resources = named(category, service);
    if (resources.length !== 1)
      found.push(
        `backend-config.json has ${resources.length} ${category} resources of service ${service}, not one: ${what}`,
      );
    ids.push(resources[0] ?? '');
  }
  for (const id of found.length === 0 ? ids : []) if (!stacks.nested(id)) found.push(`the CLI compiled no stack ${id}`);
  const [authId = '', groupsId = '', storageId = ''] = ids;
  check(
    `accounts: one auth resource (${authId}), its groups (${groupsId}) and one bucket (${storageId}), each compiled`,
    found,
  );
  if (found.length > 0) return;
  const accounts: AccountStacks = {
    stacks,
    authId,
    auth: stacks.nested(authId) as Scope,
    groups: stacks.nested(groupsId) as Scope,
    storageId,
    storage: stacks.nested(storageId) as Scope,
  };
  checkUserPool(accounts, check);
  const webClient = checkWebClient(accounts, check);
  const roles = checkIdentityPool(accounts, webClient, check);
  checkCrewTags(accounts.auth, accounts.groups, roles, check);
  checkApiAuthorization(accounts, check);
  checkPhotoGrants(accounts, roles, check);
  checkClientConfig(accounts, check);
}

function checkUserPool({ authId, auth, groups }: AccountStacks, check: Check): void {
  const found: string[] = [];
  const [pool] = resourcesOf(auth, 'AWS::Cognito::UserPool').map(([id]) => id);
  if (!pool) found.push(`${authId}: no AWS::Cognito::UserPool`);
  else {
    const output = outputValues(auth)['UserPoolId'];
    if (output !== `<${pool}>`)
      found.push(`${authId}: its output UserPoolId is ${JSON.stringify(output)}, not ${pool}`);
    const properties = propertiesOf(auth, pool);
    const adminOnly = (properties['AdminCreateUserConfig'] as JsonObject | undefined)?.['AllowAdminCreateUserOnly'];
    if (!isTrue(adminOnly)) {
      found.push(
        `${pool}: AllowAdminCreateUserOnly is ${String(adminOnly)}, so anyone may sign up (the auth resource's override.ts sets it)`,
      );
    }
    const usernames = list(properties['UsernameAttributes']);
    if (!usernames.includes('email'))
      found.push(`${pool}: usernames are ${usernames.join(', ') || 'free text'}, not emails as on the local server`);
    found.push(...wipeMarkProblems(pool, properties));
  }
  const poolOutput = `<${authId}.Outputs.UserPoolId>`;
  const compiled = resourcesOf(groups, 'AWS::Cognito::UserPoolGroup').map(([id]) => propertiesOf(groups, id));
  const names = compiled.map((group) => String(group['GroupName']));
  if (names.slice().sort().join() !== [...GROUPS].sort().join()) {
    found.push(
      `the compiled groups are ${names.join(', ') || 'none'}; the local server's are ${GROUPS.join(', ')} (server/src/user-pool/user-store.ts)`,
    );
  }
  for (const group of compiled) {
    if (group['UserPoolId'] !== poolOutput)
      found.push(`group ${String(group['GroupName'])} is in ${JSON.stringify(group['UserPoolId'])}, not ${poolOutput}`);
  }
  check(
    `accounts: ${authId} has a user pool (${pool ?? 'none'}) where only an administrator creates users, usernames are emails and ${WIPE_MARK_ATTRIBUTE} is a mutable number, and its groups are exactly the local server's ${GROUPS.join(', ')}`,
    found,
  );
}

/** The attribute a lost phone's wipe is marked with (`wipe-devices`), as the server's GetUser returns it. */
function wipeMarkProblems(pool: string, properties: JsonObject): string[] {
  const name = WIPE_MARK_ATTRIBUTE.replace(/^custom:/, '');
  const declared = list(properties['Schema']).find(
    (attribute) => typeof attribute === 'object' && attribute !== null && (attribute as JsonObject)['Name'] === name,
  ) as JsonObject | undefined;
  if (!declared)
    return [
      `${pool}: no custom attribute ${name}, so devices cannot be told to wipe (the auth resource's override.ts adds it)`,
    ];
  const problems: string[] = [];
  if (declared['AttributeDataType'] !== 'Number')
    problems.push(`${pool}: ${name} is ${String(declared['AttributeDataType'])}, not Number`);
  if (declared['Mutable'] !== undefined && !isTrue(declared['Mutable']))
    problems.push(`${pool}: ${name} cannot be changed`);
  return problems;
}

/** Cognito's defaults for a client that names none (its token validity units default to hours and days). */
const COGNITO_DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

/** The web client's logical id: what Amplify Auth signs in with (AppClientIDWeb in the configuration file). */
function checkWebClient({ authId, auth }: AccountStacks, check: Check): string {
  const found: string[] = [];
  const client = idOf(outputValues(auth)['AppClientIDWeb']);
  const [pool] = resourcesOf(auth, 'AWS::Cognito::UserPool').map(([id]) => id);
  let flows = COGNITO_DEFAULT_FLOWS;
  let rotation = 'none';
  const local = readConfig({}, []).userPool;
  const lifetimes: string[] = [];
  if (auth.template.Resources[client]?.Type !== 'AWS::Cognito::UserPoolClient')
    found.push(`${authId}: its output AppClientIDWeb names no user pool client`);
  else {
    const properties = propertiesOf(auth, client);
    if (properties['UserPoolId'] !== `<${pool}>`)
      found.push(`${client}: a client of ${String(properties['UserPoolId'])}`);
    if (properties['ExplicitAuthFlows'] !== undefined) flows = list(properties['ExplicitAuthFlows']).map(String);
    for (const flow of ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']) {
      if (!flows.includes(flow))
        found.push(`${client}: its auth flows (${flows.join(', ')}) leave out ${flow}, which Amplify Auth uses`);
    }
    if (isTrue(properties['GenerateSecret'])) found.push(`${client}: it has a secret, which a web app cannot keep`);
    const units = (properties['TokenValidityUnits'] ?? {}) as JsonObject;
    for (const [token, property, defaultValue, defaultUnit, localSeconds] of [
      ['access', 'AccessToken', 1, 'hours', local.accessTokenSeconds],
      ['ID', 'IdToken', 1, 'hours', local.idTokenSeconds],
      ['refresh', 'RefreshToken', 30, 'days', local.refreshTokenSeconds],
    ] as const) {
      const unit = String(units[property] ?? defaultUnit);
      const seconds =
        Number(properties[`${property}Validity`] ?? defaultValue) *
        ((UNIT_SECONDS as Record<string, number>)[unit] ?? NaN);
      lifetimes.push(`${token} ${seconds / UNIT_SECONDS[defaultUnit]} ${defaultUnit === 'hours' ? 'h' : defaultUnit}`);
      if (seconds !== localSeconds)
        found.push(
          `${client}: ${token} tokens last ${seconds} s on AWS, ${localSeconds} s on the local server by default`,
        );
    }
    rotation = String(((properties['RefreshTokenRotation'] ?? {}) as JsonObject)['Feature'] ?? 'none');
  }
  const rotates = rotation === 'ENABLED';
  if (rotates !== local.rotateRefreshTokens && rotation !== 'none')
    found.push(
      `${client}: refresh token rotation ${rotation}; the local server's default is ${local.rotateRefreshTokens ? 'on' : 'off'}`,
    );
  check(
    `accounts: the web client ${client} allows SRP sign-in and refresh (${flows.join(', ')}), has no secret, and its tokens last as the local server's by default (${lifetimes.join(', ')})` +
      (rotation === 'none'
        ? '; it sets no RefreshTokenRotation, so on AWS a refresh keeps the refresh token of the sign-in (the local server with FIELDBOOK_REFRESH_TOKEN_ROTATION=off)'
        : ''),
    found,
  );
  return client;
}

function checkIdentityPool(
  { authId, auth, groups, stacks }: AccountStacks,
  webClient: string,
  check: Check,
): PoolRoles {
  const found: string[] = [];
  const [pool] = resourcesOf(auth, 'AWS::Cognito::IdentityPool').map(([id]) => id);
  const [userPool] = resourcesOf(auth, 'AWS::Cognito::UserPool').map(([id]) => id);
  const properties = pool ? propertiesOf(auth, pool) : {};
  const allowGuests = isTrue(properties['AllowUnauthenticatedIdentities']);
  if (allowGuests || readAllowGuests()) {
    found.push(
      `guests get credentials: on AWS ${allowGuests ? 'yes' : 'no'}, on the local server ${readAllowGuests() ? 'yes' : 'no'} (allowUnauthenticatedIdentities)`,
    );
  }
  const provider = `cognito-idp.${REGION}.amazonaws.com/<${userPool}>`;
  const providers = list(properties['CognitoIdentityProviders']) as JsonObject[];
  if (!providers.some((entry) => entry['ClientId'] === `<${webClient}>` && entry['ProviderName'] === provider))
    found.push(`${pool ?? 'no identity pool'}: it takes no sign-ins of ${webClient} from ${provider}`);

  const roles = poolRoles(auth, groups, stacks.root);
  const { signedIn, tokenMapping } = roles;
  found.push(...roles.problems);
  check(
    `accounts: ${authId}'s identity pool takes sign-ins of ${webClient} and gives guests nothing; signed-in people get ${[
      ...groupsByRole(signedIn),
    ]
      .map(([role, members]) => `${role} (${members.join(', ')})`)
      .join(', ')}${tokenMapping ? ' (a Token role mapping: the role of their group, if it has one)' : ''}`,
    found,
  );
  return roles;
}

function checkApiAuthorization({ authId, stacks }: AccountStacks, check: Check): void {
  const { api, apiName, compiledSchema } = stacks;
  const found: string[] = [];
  const local = readApiAuthModes();
  const [graphqlApi] = resourcesOf(api, 'AWS::AppSync::GraphQLApi').map(([id]) => id);
  const raw = (graphqlApi ? api.template.Resources[graphqlApi]?.Properties : undefined) ?? {};
  const defaultMode = String(raw['AuthenticationType']);
  const modes = [
    defaultMode,
    ...list(raw['AdditionalAuthenticationProviders']).map((p) => String((p as JsonObject)['AuthenticationType'])),
  ];
  if (defaultMode !== local.defaultMode || modes.slice().sort().join() !== [...local.modes].sort().join()) {
    found.push(
      `AppSync takes ${modes.join(', ')} (default ${defaultMode}); the local server ${[...local.modes].join(', ')} (default ${local.defaultMode})`,
    );
  }
  if (modes.includes('AMAZON_COGNITO_USER_POOLS')) {
    const poolOutput = `<${authId}.Outputs.UserPoolId>`;
    try {
      const poolId = evaluate(((raw['UserPoolConfig'] ?? {}) as JsonObject)['UserPoolId'] ?? null, api);
      if (poolId !== poolOutput) found.push(`the API takes tokens of ${JSON.stringify(poolId)}, not ${poolOutput}`);
    } catch (error) {
      found.push(
        `the API's user pool cannot be evaluated (${(error as Error).message}): amplify/backend/api/${apiName}/parameters.json has no AuthCognitoUserPoolId, which \`amplify update api\` writes as {"Fn::GetAtt": ["${authId}", "Outputs.UserPoolId"]}`,
      );
    }
  }
  const keys = resourcesOf(api, 'AWS::AppSync::ApiKey').filter(
    ([, key]) => key.Condition === undefined || evaluate({ Condition: key.Condition }, api) === true,
  );
  const keyDirective = /@aws_api_key\b/.test(compiledSchema);
  if (keys.length > 0 && (modes.includes('API_KEY') || keyDirective))
    found.push(`the API has a key (${keys.map(([id]) => id).join(', ')}) and its schema lets it in`);
  check(
    `accounts: the API (${graphqlApi ?? 'none'}) takes ${modes.join(', ')} by default and nothing else, as the local server does, with ${authId}'s user pool; ${keys.length === 0 ? 'no API key' : 'an API key no model allows'}`,
    found,
  );
}

function checkPhotoGrants({ storageId, storage }: AccountStacks, roles: PoolRoles, check: Check): void {
  const [bucket] = resourcesOf(storage, 'AWS::S3::Bucket').map(([id]) => id);
  const found: string[] = [];
  const counts: string[] = [];
  const compare = (role: string, who: string, server: string[]) => {
    const deployed = roleGrants(storage, role, `<${bucket}>`);
    found.push(...deployed.problems.map((problem) => `${storageId}: ${problem}`));
    if (deployed.grants.length === 0 && server.length > 0)
      found.push(`on AWS ${who} get none of the local server's grants: ${storageId} attaches no policy to that role`);
    else found.push(...grantDifferences(server, deployed.grants, who));
    counts.push(`${who}: ${server.length}`);
  };
  for (const group of GROUPS) {
    const role = roles.signedIn.get(group) ?? roles.authenticated;
    compare(role, `${group} (role ${role})`, serverSignedInGrants(group));
  }
  if (roles.tokenMapping)
    compare(roles.authenticated, `people in no group (role ${roles.authenticated})`, serverSignedInGrants());
  const guests = roleGrants(storage, roles.guests, `<${bucket}>`);
  found.push(...guests.grants.map((grant) => `on AWS guests (role ${roles.guests}) get ${grant}`));
  check(
    `photos: on AWS each signed-in person gets exactly the local server's grants for their role (server/src/objects/signed-in-access.ts; ${counts.join(', ')}), and guests none`,
    found,
  );
}

/**
 * The configuration file: what the CLI's own generator (amplify-frontend-javascript, the code behind
 * `amplify push` writing amplifyconfiguration.json) makes of the stacks' outputs, against what the
 * local server serves, both read by Amplify's parser as the app reads them.
 */
function checkClientConfig({ stacks, authId, auth, storage }: AccountStacks, check: Check): void {
  const generator = createRequire(import.meta.url)(
    join(
      stacks.cliDirectory,
      'node_modules',
      '@aws-amplify',
      'amplify-frontend-javascript',
      'lib',
      'frontend-config-creator.js',
    ),
  ) as { getAWSExportsObject(resources: unknown): Record<string, unknown> };
  const [bucketId] = resourcesOf(storage, 'AWS::S3::Bucket').map(([id]) => id);
  const bucketName = String(propertiesOf(storage, bucketId ?? '')['BucketName']);
  const authOutputs = outputValues(auth);
  const apiEntry = stacks.backendConfig['api']?.[stacks.apiName] ?? {};
  const written = generator.getAWSExportsObject({
    metadata: { Region: REGION },
    serviceResourceMapping: {
      AppSync: [{ output: { ...outputValues(stacks.api), authConfig: apiEntry.output?.['authConfig'] } }],
      Cognito: [
        {
          output: authOutputs,
          frontendAuthConfig: stacks.backendConfig['auth']?.[authId.slice(4)]?.frontendAuthConfig ?? {},
        },
      ],
      S3: [{ output: { BucketName: bucketName, Region: REGION } }],
    },
  });
  const local = {
    bucket: 'local-bucket-name',
    identityPoolId: `${REGION}:00000000-0000-4000-8000-000000000000`,
    userPool: { poolId: 'local_pool', clientId: 'local-client' },
  };
  const served = clientConfig(
    { apiKey: 'local-api-key', ...local, allowGuests: readAllowGuests(), authModes: readApiAuthModes() },
    'localhost:20002',
  );
  const found: string[] = [];
  const keyOf = (file: Record<string, unknown>, value: unknown) =>
    Object.keys(file).find((key) => file[key] === value) ?? 'no key';
  for (const [what, localValue, awsValue] of [
    ['FIELDBOOK_S3_BUCKET', local.bucket, bucketName],
    ['FIELDBOOK_IDENTITY_POOL_ID', local.identityPoolId, authOutputs['IdentityPoolId']],
    ['FIELDBOOK_USER_POOL_ID', local.userPool.poolId, authOutputs['UserPoolId']],
    ['FIELDBOOK_USER_POOL_CLIENT_ID', local.userPool.clientId, authOutputs['AppClientIDWeb']],
  ] as const) {
    if (keyOf(served, localValue) !== keyOf(written, awsValue)) {
      found.push(
        `the local server serves ${what} as ${keyOf(served, localValue)}; the CLI writes ${String(awsValue)} as ${keyOf(written, awsValue)}`,
      );
    }
  }
  for (const key of ['aws_appsync_authenticationType', 'aws_appsync_apiKey']) {
    if (served[key] !== written[key])
      found.push(`${key} is ${String(served[key])} locally and ${String(written[key])} on AWS`);
  }
  const here = parseAmplifyConfig(served);
  const onAws = parseAmplifyConfig(written);
  for (const [what, read, localValue, awsValue] of [
    [
      'Auth.Cognito.userPoolId',
      (c: typeof here) => c.Auth?.Cognito.userPoolId,
      local.userPool.poolId,
      authOutputs['UserPoolId'],
    ],
    [
      'Auth.Cognito.userPoolClientId',
      (c: typeof here) => c.Auth?.Cognito.userPoolClientId,
      local.userPool.clientId,
      authOutputs['AppClientIDWeb'],
    ],
    [
      'Auth.Cognito.identityPoolId',
      (c: typeof here) => c.Auth?.Cognito.identityPoolId,
      local.identityPoolId,
      authOutputs['IdentityPoolId'],
    ],
    ['API.GraphQL.defaultAuthMode', (c: typeof here) => c.API?.GraphQL?.defaultAuthMode, 'userPool', 'userPool'],
    ['Storage.S3.bucket', (c: typeof here) => c.Storage?.S3?.bucket, local.bucket, bucketName],
    ['Storage.S3.region', (c: typeof here) => c.Storage?.S3?.region, REGION, REGION],
  ] as const) {
    if (read(here) !== localValue || read(onAws) !== awsValue)
      found.push(`Amplify reads ${what} as ${String(read(here))} locally and ${String(read(onAws))} on AWS`);
  }
  try {
    readConfig({ FIELDBOOK_S3_BUCKET: bucketName }, []);
  } catch (error) {
    found.push(`the local server refuses FIELDBOOK_S3_BUCKET=${bucketName}: ${(error as Error).message}`);
  }
  const guestsOnAws = onAws.Auth?.Cognito.allowGuestAccess;
  check(
    `accounts: the CLI's amplifyconfiguration.json names the user pool, its web client, the identity pool and the bucket (${bucketName} in the environment) under the keys the local server serves them under, with the API's mode and no key, and Amplify reads both alike` +
      (guestsOnAws !== here.Auth?.Cognito.allowGuestAccess
        ? `; except allowGuestAccess, ${String(here.Auth?.Cognito.allowGuestAccess)} locally and ${String(guestsOnAws)} on AWS, where the CLI writes no aws_mandatory_sign_in (the identity pool refuses guests either way)`
        : ''),
    found,
  );
}
