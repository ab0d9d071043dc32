/** WebSocket close codes the real-time server sends (frames over the limit get 1009 from `ws` itself). */
export const CloseCode = {
  /** Closing a socket whose `connection_init` was refused, once the refusal is sent. */
  normal: 1000,
  /** A graceful server stop: clients reconnect and catch up with a delta sync. */
  serviceRestart: 1012,
  /** graphql-ws clients know it as "Connection initialisation timeout". */
  connectionInitTimeout: 4408,
} as const;
