/**
 * Where DataStore syncs. By default: the local sync server that also serves this app (same
 * origin). When the deployment ships an `amplifyconfiguration.json` written by the Amplify CLI
 * (`amplify push` against AWS AppSync), that file wins.
 */
export interface BackendConfig {
  readonly endpoint: string;
  readonly apiKey: string;
  readonly region: string;
  /** Where photos go (Amplify Storage), when the configuration file names a bucket and an identity pool. */
  readonly storage?: StorageBackend;
  /** The Cognito user pool people sign in with, when the configuration file names one. */
  readonly userPool?: UserPoolBackend;
}

/**
 * A user pool and its app client. When the API's default mode is the user pool, DataStore sends
 * the signed-in user's tokens and the app asks people to sign in first.
 */
export interface UserPoolBackend {
  readonly poolId: string;
  readonly clientId: string;
  readonly apiDefault: boolean;
}

/** An S3 bucket and the Cognito identity pool whose guests may use it. */
export interface StorageBackend {
  readonly bucket: string;
  readonly region: string;
  readonly identityPoolId: string;
  readonly allowGuestAccess: boolean;
  /** The local server's S3 subset (plain http, path style); absent for AWS. */
  readonly httpEndpoint?: string;
}

export const LOCAL_DEFAULT_API_KEY = 'da2-fakeApiId123456';

interface AmplifyCliConfiguration {
  readonly aws_appsync_graphqlEndpoint?: unknown;
  readonly aws_appsync_apiKey?: unknown;
  readonly aws_appsync_region?: unknown;
  readonly aws_appsync_authenticationType?: unknown;
  readonly aws_user_pools_id?: unknown;
  readonly aws_user_pools_web_client_id?: unknown;
  readonly aws_cognito_identity_pool_id?: unknown;
  readonly aws_mandatory_sign_in?: unknown;
  readonly aws_user_files_s3_bucket?: unknown;
  readonly aws_user_files_s3_bucket_region?: unknown;
  readonly aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing?: unknown;
}

export function localBackend(origin: string): BackendConfig {
  return { endpoint: `${origin}/graphql`, apiKey: LOCAL_DEFAULT_API_KEY, region: 'us-east-1' };
}

/** Reads an Amplify CLI configuration file's AppSync and Storage settings; undefined if it has no AppSync endpoint. */
export function backendFromAmplifyConfiguration(file: unknown): BackendConfig | undefined {
  if (typeof file !== 'object' || file === null) return undefined;
  const config = file as AmplifyCliConfiguration;
  const { aws_appsync_graphqlEndpoint: endpoint, aws_appsync_apiKey: apiKey, aws_appsync_region: region } = config;
  if (typeof endpoint !== 'string') return undefined;
  const storage = storageFromAmplifyConfiguration(config);
  const userPool = userPoolFromAmplifyConfiguration(config);
  // A user-pool-only API ships no key; one that has neither cannot be reached.
  if (typeof apiKey !== 'string' && !userPool?.apiDefault) return undefined;
  return {
    endpoint,
    apiKey: typeof apiKey === 'string' ? apiKey : '',
    region: typeof region === 'string' ? region : 'us-east-1',
    ...(storage ? { storage } : {}),
    ...(userPool ? { userPool } : {}),
  };
}

function userPoolFromAmplifyConfiguration(config: AmplifyCliConfiguration): UserPoolBackend | undefined {
  const { aws_user_pools_id: poolId, aws_user_pools_web_client_id: clientId } = config;
  if (typeof poolId !== 'string' || typeof clientId !== 'string') return undefined;
  return { poolId, clientId, apiDefault: config.aws_appsync_authenticationType === 'AMAZON_COGNITO_USER_POOLS' };
}

/** The keys and defaults of Amplify's own reading of the file (`parseAWSExports`). */
function storageFromAmplifyConfiguration(config: AmplifyCliConfiguration): StorageBackend | undefined {
  const {
    aws_user_files_s3_bucket: bucket,
    aws_user_files_s3_bucket_region: region,
    aws_cognito_identity_pool_id: identityPoolId,
    aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing: httpEndpoint,
  } = config;
  if (typeof bucket !== 'string' || typeof region !== 'string' || typeof identityPoolId !== 'string') return undefined;
  return {
    bucket,
    region,
    identityPoolId,
    allowGuestAccess: config.aws_mandatory_sign_in !== 'enable',
    ...(typeof httpEndpoint === 'string' ? { httpEndpoint } : {}),
  };
}

/** The configuration file's keys for a backend, so the memory reads back what it wrote. */
function amplifyConfiguration({ endpoint, apiKey, region, storage, userPool }: BackendConfig): AmplifyCliConfiguration {
  return {
    aws_appsync_graphqlEndpoint: endpoint,
    aws_appsync_apiKey: apiKey || undefined,
    aws_appsync_region: region,
    ...(userPool && {
      aws_appsync_authenticationType: userPool.apiDefault ? 'AMAZON_COGNITO_USER_POOLS' : 'API_KEY',
      aws_user_pools_id: userPool.poolId,
      aws_user_pools_web_client_id: userPool.clientId,
    }),
    ...(storage && {
      aws_cognito_identity_pool_id: storage.identityPoolId,
      aws_mandatory_sign_in: storage.allowGuestAccess ? 'disable' : 'enable',
      aws_user_files_s3_bucket: storage.bucket,
      aws_user_files_s3_bucket_region: storage.region,
      aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing: storage.httpEndpoint,
    }),
  };
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
  write(backend) {
    try {
      globalThis.localStorage?.setItem(BACKEND_KEY, JSON.stringify(amplifyConfiguration(backend)));
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
