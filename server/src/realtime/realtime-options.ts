import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';

import type { DocumentLimits } from '../graphql/document-limits.ts';
import type { Limits } from '../limits.ts';

/** What the real-time server and each of its connections are given. */
export interface RealtimeOptions {
  schema: GraphQLSchema;
  fieldResolver: GraphQLFieldResolver<unknown, unknown>;
  apiKey: string;
  limits: Pick<Limits, 'maxFrameBytes' | 'maxSockets' | 'maxSubscriptionsPerSocket' | 'connectionInitTimeoutMs'> &
    DocumentLimits;
}
