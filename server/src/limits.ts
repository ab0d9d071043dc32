/**
 * What one client may cost the server. The defaults leave room for a crew of a few hundred devices
 * (DataStore opens one socket and three subscriptions per model) while bounding memory, sockets and
 * event-loop time that a broken or hostile client can take. Every limit can be set by an
 * environment variable (see `limitEnvName` and the README).
 */
export interface Limits {
  /** Largest `POST /graphql` body; a sync page request is a few hundred bytes, a big mutation a few kB. */
  maxBodyBytes: number;
  /** Largest WebSocket frame; larger ones close the socket with 1009. */
  maxFrameBytes: number;
  /** Open TCP connections, WebSockets included; more are dropped on accept. */
  maxHttpConnections: number;
  /** Open real-time sockets; more are refused with 503 before the WebSocket handshake. */
  maxSockets: number;
  /** Subscriptions per socket (AppSync's own limit is 100). */
  maxSubscriptionsPerSocket: number;
  /** A socket that has not sent `connection_init` by then is closed; clients send it on open. */
  connectionInitTimeoutMs: number;
  /** All request headers must arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  timeoutCheckIntervalMs: number;
  /** Tokens in one query document; DataStore's largest is a few hundred. */
  maxQueryTokens: number;
  /** Nesting of braces, brackets and parentheses in a query text, and of objects and lists in variables. */
  maxQueryNesting: number;
  /** Fields one document selects, its fragments expanded and aliases counted. */
  maxSelectedFields: number;
  /** Times one response name may be selected in one selection set (validation compares every pair). */
  maxRepeatsOfAField: number;
  /** Nesting levels of fields in an answer; 0 is no limit (AppSync's default; it allows 1 to 75). */
  maxQueryDepth: number;
  /** Resolvers one request runs: root fields and every relation field, each time (AppSync's default). */
  maxResolvers: number;
  /** Records one response may hold, across every list and relation in it. */
  maxResponseRecords: number;
  /** Fields not resolved by then get ExecutionTimeout (AppSync's request time limit is 30 s). */
  requestTimeBudgetMs: number;
  /** Longest stretch one request resolves before letting other requests in. */
  executionSliceMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 1024 * 1024,
  maxFrameBytes: 256 * 1024,
  maxHttpConnections: 2048,
  maxSockets: 1024,
  maxSubscriptionsPerSocket: 100,
  connectionInitTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  timeoutCheckIntervalMs: 1_000,
  maxQueryTokens: 10_000,
  maxQueryNesting: 64,
  maxSelectedFields: 1_000,
  maxRepeatsOfAField: 20,
  maxQueryDepth: 0,
  maxResolvers: 10_000,
  maxResponseRecords: 50_000,
  requestTimeBudgetMs: 30_000,
  executionSliceMs: 10,
};

/** `maxQueryDepth` is set by `FIELDBOOK_MAX_QUERY_DEPTH`, and so on for every limit. */
export function limitEnvName(key: keyof Limits): string {
  return `FIELDBOOK_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}
