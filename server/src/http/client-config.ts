import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

export const CLIENT_CONFIG_PATH = '/amplifyconfiguration.json';

/**
 * The app reads its backend from `amplifyconfiguration.json`, the file the Amplify CLI writes for
 * an AppSync deployment. When the build ships none, this server describes itself in the same
 * shape, so the app syncs with it using whatever API key it was started with.
 */
export function serveClientConfig(
  staticDir: string,
  apiKey: string,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (existsSync(join(staticDir, 'amplifyconfiguration.json'))) return false;
  const host = request.headers.host ?? 'localhost';
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  response.end(
    JSON.stringify({
      aws_project_region: 'us-east-1',
      aws_appsync_graphqlEndpoint: `http://${host}/graphql`,
      aws_appsync_region: 'us-east-1',
      aws_appsync_authenticationType: 'API_KEY',
      aws_appsync_apiKey: apiKey,
    }),
  );
  return true;
}
