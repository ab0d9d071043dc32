import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

export const CLIENT_CONFIG_PATH = '/amplifyconfiguration.json';

export interface ClientConfigOptions {
  staticDir: string;
  apiKey: string;
  /** The bucket of the S3 subset at /s3. */
  bucket: string;
  /** The guest identity pool of the Cognito Identity subset at /cognito-identity (`<region>:<uuid>`). */
  identityPoolId: string;
}

/**
 * The app reads its backend from `amplifyconfiguration.json`, the file the Amplify CLI writes for
 * an AppSync deployment. When the build ships none, this server describes itself in the same
 * shape, so the app syncs with it using whatever API key it was started with, and stores photos
 * in its S3 subset with guest credentials from its Cognito Identity subset.
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
  return {
    aws_project_region: 'us-east-1',
    aws_appsync_graphqlEndpoint: `http://${host}/graphql`,
    aws_appsync_region: 'us-east-1',
    aws_appsync_authenticationType: 'API_KEY',
    aws_appsync_apiKey: options.apiKey,
    aws_cognito_identity_pool_id: options.identityPoolId,
    aws_cognito_region: identityRegion,
    // Guests only: Amplify's parseAWSExports allows guest access unless this is 'enable'.
    aws_mandatory_sign_in: 'disable',
    aws_user_files_s3_bucket: options.bucket,
    aws_user_files_s3_bucket_region: 'us-east-1',
    // Plain http and path style under /s3; stock Amplify Storage refuses any endpoint but its own
    // test one here, patches/@aws-amplify+storage+6.17.0.patch makes it take this URL.
    aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing: `http://${host}/s3`,
  };
}
