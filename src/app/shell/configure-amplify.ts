import { Amplify, type ResourcesConfig } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { defaultStorage } from 'aws-amplify/utils';

import { type BackendConfig, type StorageBackend, type UserPoolBackend } from './backend-config';
import { installRealtimeRewrite } from './realtime-websocket';
import { SERVICE_WORKER_BYPASS } from './service-worker-bypass';
import { sessionCredentials } from './session-credentials';
import { installStorageBypass } from './storage-bypass';

type CognitoConfig = NonNullable<ResourcesConfig['Auth']>['Cognito'];

/**
 * Points Amplify's GraphQL API, and with it DataStore's sync engine, at the backend, Amplify
 * Storage at its bucket with credentials from its identity pool, and Amplify Auth at the user pool.
 * Without `api` (a tab that does not run the sync engine, or nobody signed in yet to a user-pool
 * API) only Auth is configured, so DataStore runs without sync.
 */
export function configureAmplify(
  backend: BackendConfig,
  pageOrigin: string,
  { api = true, beforeRequest = noWait }: { api?: boolean; beforeRequest?: () => Promise<void> } = {},
): void {
  installRealtimeRewrite(globalThis, pageOrigin);
  const page = new URL(pageOrigin).origin;
  const sameOrigin = new URL(backend.endpoint).origin === page;
  const local = backend.storage?.httpEndpoint;
  const bypassed = [
    ...(local && new URL(local).origin === page ? [`${page}/s3/`, `${page}/cognito-identity`] : []),
    ...(backend.userPool && sameOrigin ? [`${page}/cognito-idp`] : []),
  ];
  installStorageBypass(globalThis, bypassed);
  const storage = backend.storage && api ? storageResources(backend.storage) : undefined;
  const cognito: Partial<CognitoConfig> = {
    ...storage?.Auth?.Cognito,
    ...(backend.userPool && userPoolResources(backend.userPool, sameOrigin ? page : undefined)),
  };
  // Identity pool, user pool or both: Amplify's types name each combination separately.
  const auth = Object.keys(cognito).length > 0 ? ({ Cognito: cognito } as ResourcesConfig['Auth']) : undefined;
  Amplify.configure(
    {
      ...(auth && { Auth: auth }),
      ...(api && {
        API: {
          GraphQL: {
            endpoint: backend.endpoint,
            region: backend.region,
            ...(backend.userPool?.apiDefault
              ? { defaultAuthMode: 'userPool' as const, ...(backend.apiKey && { apiKey: backend.apiKey }) }
              : { defaultAuthMode: 'apiKey' as const, apiKey: backend.apiKey }),
          },
        },
      }),
      ...(storage?.Storage && { Storage: storage.Storage }),
    },
    {
      ...(api && { API: { GraphQL: { headers: apiHeaders(sameOrigin, beforeRequest) } } }),
      ...(auth && { Auth: authProviders(auth) }),
    },
  );
}

const noWait = (): Promise<void> => Promise.resolve();

/** Every request to the API, the sync engine's included, waits for `beforeRequest` first. */
function apiHeaders(sameOrigin: boolean, beforeRequest: () => Promise<void>) {
  return async (): Promise<Record<string, string>> => {
    await beforeRequest();
    return sameOrigin ? { ...SERVICE_WORKER_BYPASS } : {};
  };
}

/**
 * Amplify's own token provider (tokens in localStorage, as by default) and credentials that never
 * hold up a signed-in person's tokens (session-credentials.ts). Given explicitly, Amplify leaves
 * the token provider's configuration to the caller.
 */
function authProviders(auth: NonNullable<ResourcesConfig['Auth']>) {
  cognitoUserPoolsTokenProvider.setAuthConfig(auth);
  cognitoUserPoolsTokenProvider.setKeyValueStorage(defaultStorage);
  return { tokenProvider: cognitoUserPoolsTokenProvider, credentialsProvider: sessionCredentials };
}

/**
 * The configuration file has no key for a user pool endpoint: on AWS Amplify calls Cognito itself
 * (AppSync is never on the app's own origin); the local server that serves both the app and the
 * API answers at /cognito-idp on the same origin.
 */
export function userPoolResources(userPool: UserPoolBackend, localOrigin?: string): Partial<CognitoConfig> {
  return {
    userPoolId: userPool.poolId,
    userPoolClientId: userPool.clientId,
    ...(localOrigin && { userPoolEndpoint: `${localOrigin}/cognito-idp` }),
  };
}

/**
 * The configuration file has no key for an identity pool endpoint: on AWS Amplify calls Cognito
 * itself; the local server (the one with a plain-http S3 endpoint) answers at /cognito-identity
 * beside its /s3.
 */
export function storageResources(storage: StorageBackend): Pick<ResourcesConfig, 'Auth' | 'Storage'> {
  const local = storage.httpEndpoint ? new URL(storage.httpEndpoint).origin : undefined;
  return {
    Auth: {
      Cognito: {
        identityPoolId: storage.identityPoolId,
        allowGuestAccess: storage.allowGuestAccess,
        ...(local && { identityPoolEndpoint: `${local}/cognito-identity` }),
      },
    },
    Storage: {
      S3: {
        bucket: storage.bucket,
        region: storage.region,
        ...(storage.httpEndpoint && { dangerouslyConnectToHttpEndpointForTesting: storage.httpEndpoint }),
      },
    },
  };
}
