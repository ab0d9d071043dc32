import { installRealtimeRewrite, realtimeUrlFor } from './realtime-websocket';

describe('realtime socket URL rewrite', () => {
  it('turns wss:// into ws:// for the local server the http page came from', () => {
    expect(realtimeUrlFor('wss://localhost:20002/graphql/realtime', 'http://localhost:20002')).toBe(
      'ws://localhost:20002/graphql/realtime',
    );
  });

  it('leaves other hosts and ports alone', () => {
    const appsync = 'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql';
    expect(realtimeUrlFor(appsync, 'http://localhost:20002')).toBe(appsync);
    expect(realtimeUrlFor('wss://localhost:9999/graphql/realtime', 'http://localhost:20002')).toBe(
      'wss://localhost:9999/graphql/realtime',
    );
  });

  it('never downgrades sockets of a page served over https', () => {
    expect(realtimeUrlFor('wss://fieldbook.example/graphql/realtime', 'https://fieldbook.example')).toBe(
      'wss://fieldbook.example/graphql/realtime',
    );
  });

  it('makes sockets created through the global constructor use the rewritten URL', () => {
    const scope = { WebSocket: globalThis.WebSocket };
    installRealtimeRewrite(scope, 'http://127.0.0.1:9');

    const socket = new scope.WebSocket('wss://127.0.0.1:9/graphql/realtime', ['graphql-ws']);
    socket.onerror = () => undefined;

    expect(socket.url).toBe('ws://127.0.0.1:9/graphql/realtime');
    expect(socket instanceof WebSocket).toBeTrue();
    socket.close();
  });
});
