/**
 * DataStore always opens its realtime socket with `wss://`, even for an `http://` endpoint.
 * The local sync server speaks plain HTTP on one port, so for that one origin (and only when the
 * page itself was loaded over http) the socket URL is rewritten to `ws://`. Every other socket,
 * including a real AppSync endpoint, is untouched.
 */
export function realtimeUrlFor(url: string, pageOrigin: string): string {
  const page = new URL(pageOrigin);
  if (page.protocol !== 'http:') return url;
  const socketOrigin = `wss://${page.host}/`;
  return url.startsWith(socketOrigin) ? `ws://${url.slice('wss://'.length)}` : url;
}

export function installRealtimeRewrite(scope: { WebSocket: typeof WebSocket }, pageOrigin: string): void {
  const NativeWebSocket = scope.WebSocket;
  if ((NativeWebSocket as { fieldbookRewrite?: boolean }).fieldbookRewrite) return;
  class RewritingWebSocket extends NativeWebSocket {
    static readonly fieldbookRewrite = true;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(realtimeUrlFor(url.toString(), pageOrigin), protocols);
    }
  }
  scope.WebSocket = RewritingWebSocket;
}
