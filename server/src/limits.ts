/**
 * What one client may cost the server. The defaults leave room for a crew of a few hundred devices
 * (DataStore opens one socket and three subscriptions per model) while bounding memory and sockets
 * that a broken or hostile client can hold.
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
};
