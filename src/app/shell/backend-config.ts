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

/** The backend this device last read from `amplifyconfiguration.json`, kept for starts without a network. */
export interface BackendMemory {
  read(): BackendConfig | undefined;
  write(backend: BackendConfig): void;
}

const BACKEND_KEY = 'fieldbook.backend';

export const localStorageBackendMemory: BackendMemory = {
  read() {
    try {
      return backendFromAmplifyConfiguration(JSON.parse(globalThis.localStorage?.getItem(BACKEND_KEY) ?? 'null'));
    } catch {
      return undefined;
    }
  },
  write({ endpoint, apiKey, region }) {
    try {
      const file = { aws_appsync_graphqlEndpoint: endpoint, aws_appsync_apiKey: apiKey, aws_appsync_region: region };
      globalThis.localStorage?.setItem(BACKEND_KEY, JSON.stringify(file));
    } catch {
      // Storage blocked: the next start without a network falls back to the defaults.
    }
  },
};

/**
 * The backend from the deployment's configuration file. When the file cannot be fetched (the app
 * started from its service worker with no network, or the server is down), the backend this device
 * last read: the local defaults would carry the wrong API key for a server configured with its
 * own, and every change would be refused once the server is back.
 */
export async function resolveBackend(
  origin: string,
  fetchFile: (url: string) => Promise<Response>,
  memory: BackendMemory = localStorageBackendMemory,
): Promise<BackendConfig> {
  let response: Response;
  try {
    response = await fetchFile('amplifyconfiguration.json');
  } catch {
    return memory.read() ?? localBackend(origin);
  }
  // No such file: this deployment is the local server's own. Any other failure (the service worker
  // answers 504 when neither the network nor its cache has the file) is a start without a network.
  if (response.status === 404) return localBackend(origin);
  if (!response.ok) return memory.read() ?? localBackend(origin);
  let file: unknown;
  try {
    file = await response.json();
  } catch {
    return memory.read() ?? localBackend(origin);
  }
  const backend = backendFromAmplifyConfiguration(file) ?? localBackend(origin);
  memory.write(backend);
  return backend;
}
