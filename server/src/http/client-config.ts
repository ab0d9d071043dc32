import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

import type { ApiAuthModes } from '../auth/auth-modes.ts';

export const CLIENT_CONFIG_PATH = '/amplifyconfiguration.json';

export interface ClientConfigOptions {
  staticDir: string;
  apiKey: string;
  /** The bucket of the S3 subset at /s3. */
  bucket: string;
  /** The identity pool of the Cognito Identity subset at /cognito-identity (`<region>:<uuid>`). */
  identityPoolId: string;
  /** Whether the identity pool gives guests credentials (the auth resource's `allowUnauthenticatedIdentities`). */
  allowGuests: boolean;
  /** The API's authorization modes: the default one, and whether a key or the user pool is offered. */
  authModes: ApiAuthModes;
  /** The user pool at /cognito-idp and its app client. */
  userPool: { poolId: string; clientId: string };
}

/**
 * The app reads its backend from `amplifyconfiguration.json`, the file the Amplify CLI writes for
 * an AppSync deployment. When the build ships none, this server describes itself in the same
 * shape, as the project's auth says: the API's default mode, the API key only when the API offers
 * that mode, the user pool and its client when it offers user pools, and guest access to the
 * identity pool (for photos in the S3 subset) only when the pool allows guests.
 */
export function serveClientConfig(
  options: ClientConfigOptions,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (existsSync(join(options.staticDir, 'amplifyconfiguration.json'))) return false;
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  response.end(JSON.stringify(clientConfig(options, request.headers.host ?? 'localhost')));
  return true;
}

/** The file this server serves to a page loaded from `host`. */
export function clientConfig(options: Omit<ClientConfigOptions, 'staticDir'>, host: string): Record<string, string> {
  const [identityRegion = ''] = options.identityPoolId.split(':', 1);
  const { defaultMode, modes } = options.authModes;
  return {
    aws_project_region: 'us-east-1',
    aws_appsync_graphqlEndpoint: `http://${host}/graphql`,
    aws_appsync_region: 'us-east-1',
    aws_appsync_authenticationType: defaultMode,
    // A key in every copy of the app opens whatever its mode opens: handed out only if the API takes one.
    ...(modes.has('API_KEY') && { aws_appsync_apiKey: options.apiKey }),
    aws_cognito_identity_pool_id: options.identityPoolId,
    aws_cognito_region: identityRegion,
    ...(modes.has('AMAZON_COGNITO_USER_POOLS') && {
      aws_user_pools_id: options.userPool.poolId,
      aws_user_pools_web_client_id: options.userPool.clientId,
      // Amplify has no key for it: the app names it as Auth.Cognito.userPoolEndpoint.
      fieldbook_user_pool_endpoint: `http://${host}/cognito-idp`,
    }),
    // Amplify's parseAWSExports allows guest access unless this is 'enable'.
    aws_mandatory_sign_in: options.allowGuests ? 'disable' : 'enable',
    aws_user_files_s3_bucket: options.bucket,
    aws_user_files_s3_bucket_region: 'us-east-1',
    // Plain http and path style under /s3; stock Amplify Storage refuses any endpoint but its own
    // test one here, patches/@aws-amplify+storage+6.17.0.patch makes it take this URL.
    aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing: `http://${host}/s3`,
  };
}
