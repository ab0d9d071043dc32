import WebSocket from 'ws';

/**
 * A real-time socket as Amplify opens it with a user-pool token (the `header-` subprotocol, the token
 * again on each `start`), with its frames kept in arrival order.
 */
export async function openRealtimeSocket(port: number, token: string) {
  const authorization = { host: 'h', Authorization: token };
  const header = Buffer.from(JSON.stringify(authorization)).toString('base64url');
  const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql/realtime`, ['graphql-ws', `header-${header}`]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const frames: any[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (id: string, types: string[]) => {
    for (;;) {
      const index = frames.findIndex((frame) => frame.id === id && types.includes(frame.type));
      if (index >= 0) return frames.splice(index, 1)[0];
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  ws.send(JSON.stringify({ type: 'connection_init' }));
  await next(undefined as never, ['connection_ack']);
  return {
    async start(id: string, query: string, variables: Record<string, unknown> = {}) {
      const data = JSON.stringify({ query, variables });
      ws.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } }));
      return next(id, ['start_ack', 'error']);
    },
    data: (id: string) => next(id, ['data']),
    close: () => ws.close(),
  };
}
