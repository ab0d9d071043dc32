import {
  type BackendConfig,
  backendFromAmplifyConfiguration,
  type BackendMemory,
  LOCAL_DEFAULT_API_KEY,
  localBackend,
  localStorageBackendMemory,
  resolveBackend,
} from './backend-config';

describe('backend configuration', () => {
  const origin = 'http://localhost:20002';

  it('defaults to the local sync server on the page origin', async () => {
    const backend = await resolveBackend(
      origin,
      () => Promise.resolve(new Response('missing', { status: 404 })),
      emptyMemory(),
    );

    expect(backend).toEqual({
      endpoint: 'http://localhost:20002/graphql',
      apiKey: LOCAL_DEFAULT_API_KEY,
      region: 'us-east-1',
    });
  });

  it('uses an AppSync endpoint from the Amplify CLI configuration file when one is deployed', async () => {
    const file = {
      aws_project_region: 'eu-west-1',
      aws_appsync_graphqlEndpoint: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      aws_appsync_region: 'eu-west-1',
      aws_appsync_authenticationType: 'API_KEY',
      aws_appsync_apiKey: 'da2-deployed',
    };

    const backend = await resolveBackend(origin, () => Promise.resolve(Response.json(file)), emptyMemory());

    expect(backend).toEqual({
      endpoint: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      apiKey: 'da2-deployed',
      region: 'eu-west-1',
    });
  });

  it('reads the user pool of a project with accounts, whose file hands out no API key', async () => {
    const file = {
      aws_appsync_graphqlEndpoint: `${origin}/graphql`,
      aws_appsync_region: 'us-east-1',
      aws_appsync_authenticationType: 'AMAZON_COGNITO_USER_POOLS',
      aws_user_pools_id: 'local_fieldbook',
      aws_user_pools_web_client_id: 'fieldbooklocalwebclient000',
    };
    const memory = emptyMemory();

    const backend = await resolveBackend(origin, () => Promise.resolve(Response.json(file)), memory);

    const userPool = { poolId: 'local_fieldbook', clientId: 'fieldbooklocalwebclient000', apiDefault: true };
    expect(backend).toEqual({ endpoint: `${origin}/graphql`, apiKey: '', region: 'us-east-1', userPool });
    // Started offline later, the device still knows the pool (and signs in with it).
    expect(memory.read()).toEqual(backend);
  });

  it('keeps the user pool in the browser for starts without a network', () => {
    const backend: BackendConfig = {
      endpoint: `${origin}/graphql`,
      apiKey: '',
      region: 'us-east-1',
      userPool: { poolId: 'local_fieldbook', clientId: 'fieldbooklocalwebclient000', apiDefault: true },
    };
    localStorageBackendMemory.write(backend);
    try {
      expect(localStorageBackendMemory.read()).toEqual(backend);
    } finally {
      localStorage.removeItem('fieldbook.backend');
    }
  });

  it('refuses a file whose API has neither a key nor the user pool as its mode', () => {
    const file = {
      aws_appsync_graphqlEndpoint: `${origin}/graphql`,
      aws_appsync_authenticationType: 'AWS_IAM',
      aws_user_pools_id: 'local_fieldbook',
      aws_user_pools_web_client_id: 'fieldbooklocalwebclient000',
    };
    expect(backendFromAmplifyConfiguration(file)).toBeUndefined();
  });

  it('falls back to the local server when the configuration cannot be fetched (offline first start)', async () => {
    const backend = await resolveBackend(origin, () => Promise.reject(new TypeError('Failed to fetch')), emptyMemory());

    expect(backend).toEqual(localBackend(origin));
  });

  it('starts without a network on the backend it last read, with that backend’s API key', async () => {
    const memory = emptyMemory();
    const file = { aws_appsync_graphqlEndpoint: `${origin}/graphql`, aws_appsync_apiKey: 'da2-teamServerKey' };
    await resolveBackend(origin, () => Promise.resolve(Response.json(file)), memory);

    const offline = await resolveBackend(origin, () => Promise.reject(new TypeError('Failed to fetch')), memory);
    const timedOut = await resolveBackend(origin, () => Promise.resolve(new Response('', { status: 504 })), memory);

    expect(offline.apiKey).toBe('da2-teamServerKey');
    expect(timedOut.apiKey).toBe('da2-teamServerKey');
  });

  it('reads the bucket and guest identity pool, and the local server’s S3 endpoint, and remembers them', async () => {
    const memory = emptyMemory();
    const file = {
      aws_appsync_graphqlEndpoint: `${origin}/graphql`,
      aws_appsync_apiKey: 'da2-teamServerKey',
      aws_cognito_identity_pool_id: 'us-east-1:0f1e1d5a-7c2b-4e8f-9a3d-6b5c4d3e2f10',
      aws_cognito_region: 'us-east-1',
      aws_mandatory_sign_in: 'disable',
      aws_user_files_s3_bucket: 'fieldbook-photos-local',
      aws_user_files_s3_bucket_region: 'us-east-1',
      aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing: `${origin}/s3`,
    };

    const backend = await resolveBackend(origin, () => Promise.resolve(Response.json(file)), memory);
    const offline = await resolveBackend(origin, () => Promise.reject(new TypeError('Failed to fetch')), memory);

    expect(backend.storage).toEqual({
      bucket: 'fieldbook-photos-local',
      region: 'us-east-1',
      identityPoolId: 'us-east-1:0f1e1d5a-7c2b-4e8f-9a3d-6b5c4d3e2f10',
      allowGuestAccess: true,
      httpEndpoint: `${origin}/s3`,
    });
    expect(offline).toEqual(backend);
  });

  it('keeps the storage settings across a start without a network in the browser’s own storage', async () => {
    const file = {
      aws_appsync_graphqlEndpoint: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      aws_appsync_apiKey: 'da2-deployed',
      aws_cognito_identity_pool_id: 'eu-west-1:5d0c7a3e-9b1f-4c2d-8e6a-1f2b3c4d5e6f',
      aws_mandatory_sign_in: 'enable',
      aws_user_files_s3_bucket: 'fieldbook-photos-prod',
      aws_user_files_s3_bucket_region: 'eu-west-1',
    };
    const saved = globalThis.localStorage.getItem('fieldbook.backend');
    try {
      const backend = await resolveBackend(origin, () => Promise.resolve(Response.json(file)));
      const offline = await resolveBackend(origin, () => Promise.reject(new TypeError('Failed to fetch')));

      expect(backend.storage).toEqual({
        bucket: 'fieldbook-photos-prod',
        region: 'eu-west-1',
        identityPoolId: 'eu-west-1:5d0c7a3e-9b1f-4c2d-8e6a-1f2b3c4d5e6f',
        allowGuestAccess: false,
      });
      expect(offline).toEqual(backend);
    } finally {
      if (saved === null) globalThis.localStorage.removeItem('fieldbook.backend');
      else globalThis.localStorage.setItem('fieldbook.backend', saved);
    }
  });

  it('ignores a configuration file without an AppSync endpoint', () => {
    expect(backendFromAmplifyConfiguration({ aws_project_region: 'us-east-1' })).toBeUndefined();
    expect(backendFromAmplifyConfiguration('not an object')).toBeUndefined();
  });
});

function emptyMemory(): BackendMemory {
  let kept: BackendConfig | undefined;
  return { read: () => kept, write: (backend) => (kept = backend) };
}
