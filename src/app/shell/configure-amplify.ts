import { Amplify } from 'aws-amplify';

import { type BackendConfig } from './backend-config';
import { installRealtimeRewrite } from './realtime-websocket';

/** Points Amplify's GraphQL API, and with it DataStore's sync engine, at the backend. */
export function configureAmplify(backend: BackendConfig, pageOrigin: string): void {
  installRealtimeRewrite(globalThis, pageOrigin);
  Amplify.configure({
    API: {
      GraphQL: {
        endpoint: backend.endpoint,
        region: backend.region,
        defaultAuthMode: 'apiKey',
        apiKey: backend.apiKey,
      },
    },
  });
}
