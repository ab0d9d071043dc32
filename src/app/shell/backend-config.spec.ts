import {
  type BackendConfig,
  backendFromAmplifyConfiguration,
  type BackendMemory,
  LOCAL_DEFAULT_API_KEY,
  localBackend,
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

  it('ignores a configuration file without an AppSync endpoint', () => {
    expect(backendFromAmplifyConfiguration({ aws_project_region: 'us-east-1' })).toBeUndefined();
    expect(backendFromAmplifyConfiguration('not an object')).toBeUndefined();
  });
});

function emptyMemory(): BackendMemory {
  let kept: BackendConfig | undefined;
  return { read: () => kept, write: (backend) => (kept = backend) };
}
