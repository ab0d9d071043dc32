import { Amplify, type ResourcesConfig } from 'aws-amplify';

import { type BackendConfig, type StorageBackend } from './backend-config';
import { installRealtimeRewrite } from './realtime-websocket';
import { SERVICE_WORKER_BYPASS } from './service-worker-bypass';
import { installStorageBypass } from './storage-bypass';

/**
 * Points Amplify's GraphQL API, and with it DataStore's sync engine, at the backend, and Amplify
 * Storage at its bucket with guest credentials from its identity pool.
 */
export function configureAmplify(backend: BackendConfig, pageOrigin: string): void {
  installRealtimeRewrite(globalThis, pageOrigin);
  const page = new URL(pageOrigin).origin;
  const sameOrigin = new URL(backend.endpoint).origin === page;
  const local = backend.storage?.httpEndpoint;
  if (local && new URL(local).origin === page) {
    installStorageBypass(globalThis, [`${page}/s3/`, `${page}/cognito-identity`]);
  }
  Amplify.configure(
    {
      API: {
        GraphQL: {
          endpoint: backend.endpoint,
          region: backend.region,
          defaultAuthMode: 'apiKey',
          apiKey: backend.apiKey,
        },
      },
      ...(backend.storage && storageResources(backend.storage)),
    },
    sameOrigin ? { API: { GraphQL: { headers: async () => ({ ...SERVICE_WORKER_BYPASS }) } } } : {},
  );
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
