import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';

import type { Authenticate } from '../auth/caller.ts';
import type { ModelAuthorizer } from '../auth/model-authorizer.ts';
import type { DocumentLimits } from '../graphql/document-limits.ts';
import type { Limits } from '../limits.ts';

/** What the real-time server and each of its connections are given. */
export interface RealtimeOptions {
  schema: GraphQLSchema;
  fieldResolver: GraphQLFieldResolver<unknown, unknown>;
  /** Checks the credentials of the upgrade and of every subscription started on it. */
  authenticate: Authenticate;
  /** The schema's `@auth` rules, checked when a subscription starts and narrowing its events. */
  authorizer: ModelAuthorizer;
  limits: Pick<Limits, 'maxFrameBytes' | 'maxSockets' | 'maxSubscriptionsPerSocket' | 'connectionInitTimeoutMs'> &
    DocumentLimits;
}
