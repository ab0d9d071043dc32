/**
 * Where DataStore syncs. By default: the local sync server that also serves this app (same
 * origin). When the deployment ships an `amplifyconfiguration.json` written by the Amplify CLI
 * (`amplify push` against AWS AppSync), that file wins.
 */
export interface BackendConfig {
  readonly endpoint: string;
  readonly apiKey: string;
  readonly region: string;
}

export const LOCAL_DEFAULT_API_KEY = 'da2-fakeApiId123456';

interface AmplifyCliConfiguration {
  readonly aws_appsync_graphqlEndpoint?: unknown;
  readonly aws_appsync_apiKey?: unknown;
  readonly aws_appsync_region?: unknown;
}

export function localBackend(origin: string): BackendConfig {
  return { endpoint: `${origin}/graphql`, apiKey: LOCAL_DEFAULT_API_KEY, region: 'us-east-1' };
}

/** Reads an Amplify CLI configuration file's AppSync settings; undefined if it has none. */
export function backendFromAmplifyConfiguration(file: unknown): BackendConfig | undefined {
  if (typeof file !== 'object' || file === null) return undefined;
  const config = file as AmplifyCliConfiguration;
  const { aws_appsync_graphqlEndpoint: endpoint, aws_appsync_apiKey: apiKey, aws_appsync_region: region } = config;
  if (typeof endpoint !== 'string' || typeof apiKey !== 'string') return undefined;
  return { endpoint, apiKey, region: typeof region === 'string' ? region : 'us-east-1' };
}

export async function resolveBackend(
  origin: string,
  fetchFile: (url: string) => Promise<Response>,
): Promise<BackendConfig> {
  try {
    const response = await fetchFile('amplifyconfiguration.json');
    if (response.ok) return backendFromAmplifyConfiguration(await response.json()) ?? localBackend(origin);
  } catch {
    // Offline first start or no file: the local server is the backend.
  }
  return localBackend(origin);
}
