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
  /** Largest stored object or upload part (EntityTooLarge beyond); photos are resized on the device first. */
  maxObjectBytes: number;
  /** How long guest credentials from GetCredentialsForIdentity last (Cognito's are good for an hour). */
  credentialLifetimeSeconds: number;
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
  maxObjectBytes: 50 * 1024 * 1024,
  credentialLifetimeSeconds: 60 * 60,
};

// Fixed limits and timings: AWS's own (which clients rely on) and the server's; not configurable.

/** S3's longest key, in UTF-8 bytes. */
export const MAX_OBJECT_KEY_BYTES = 1024;
/** S3's most keys in one ListObjectsV2 page and parts in one ListParts page. */
export const MAX_LIST_KEYS = 1000;
/** S3's most parts in one multipart upload. */
export const MAX_UPLOAD_PARTS = 10_000;
/** S3's smallest part, except the last one. */
export const MIN_UPLOAD_PART_BYTES = 5 * 1024 * 1024;
/** A signed request's time may differ from the server's by this much (S3's RequestTimeTooSkewed). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/**
 * A replaced or deleted object's file is removed this long after its row: an online backup copies
 * the files its database snapshot names, so they must outlive the snapshot by the backup's duration.
 */
export const OBJECT_FILE_GRACE_MS = 60 * 60 * 1000;
/** Largest CompleteMultipartUpload body (10,000 parts of about 100 bytes each) and Cognito request. */
export const MAX_CONTROL_BODY_BYTES = 2 * 1024 * 1024;

/** DynamoDB's largest partition key value, in UTF-8 bytes (AppSync refuses a longer one). */
export const MAX_PARTITION_KEY_BYTES = 2048;
/** DynamoDB's largest sort key value, in UTF-8 bytes. */
export const MAX_SORT_KEY_BYTES = 1024;
/** AppSync's page size when a list, sync or key query gives no `limit`. */
export const DEFAULT_PAGE_LIMIT = 100;
/** Largest `limit` of one page; the app syncs in pages of 10,000 (datastore-setup.ts SYNC_PAGE_SIZE). */
export const MAX_PAGE_LIMIT = 10_000;
/** Parsed query documents kept per schema; DataStore sends the same few texts over and over. */
export const PARSED_DOCUMENT_CACHE_SIZE = 500;
/** Longest line (chunk header or trailer) of an aws-chunked body. */
export const MAX_CHUNK_LINE_BYTES = 4096;
/** S3's longest presigned URL lifetime (X-Amz-Expires), seven days. */
export const MAX_PRESIGNED_SECONDS = 7 * 24 * 60 * 60;
/** Expired guest credentials are deleted this long after they expire (when new ones are issued). */
export const EXPIRED_CREDENTIAL_KEEP_MS = 24 * 60 * 60 * 1000;
/** A conflict handler that has not decided by then fails the mutation. */
export const CONFLICT_HANDLER_TIMEOUT_MS = 10_000;
/** `connectionTimeoutMs` in `connection_ack`: a client drops a socket without a `ka` for this long. */
export const REALTIME_CONNECTION_TIMEOUT_MS = 300_000;
/** How often sockets get a `ka` frame; DataStore drops a socket after 5 min without one. */
export const REALTIME_KEEP_ALIVE_MS = 60_000;
/** Deleted records are kept this long so a device that was offline still syncs the deletion. */
export const DEFAULT_TOMBSTONE_RETENTION_DAYS = 400;
/** How long a graceful stop waits for requests under way. */
export const DEFAULT_DRAIN_GRACE_MS = 10_000;

/** `maxQueryDepth` is set by `FIELDBOOK_MAX_QUERY_DEPTH`, and so on for every limit. */
export function limitEnvName(key: keyof Limits): string {
  return `FIELDBOOK_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}
