import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import WebSocket from 'ws';

import type { RunningServer } from '../src/server.ts';
import { gql, officeToken, startTestServer, tempDbPath } from './harness.ts';

const db = tempDbPath();
let server: RunningServer;
/** An Office user's access token: the API takes user-pool tokens only. */
let token: string;

function authProtocol(authorization: string): string {
  const header = JSON.stringify({ host: `127.0.0.1:${server.port}`, Authorization: authorization });
  return `header-${Buffer.from(header).toString('base64url')}`;
}

/** A raw AppSync real-time client that records every frame it receives. */
async function connect(protocols: string[], query = '') {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/graphql/realtime${query}`, protocols);
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (type: string, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const index = frames.findIndex((f) => f['type'] === type);
      if (index >= 0) return frames.splice(index, 1)[0]!;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${type} frame; got ${JSON.stringify(frames)}`);
  };
  return {
    ws,
    frames,
    next,
    send: (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
  };
}

function start(id: string, query: string, variables: Record<string, unknown> = {}, authorization = token) {
  return {
    id,
    type: 'start',
    payload: {
      data: JSON.stringify({ query, variables }),
      extensions: { authorization: { Authorization: authorization, host: 'x' } },
    },
  };
}

before(async () => {
  server = await startTestServer(db.path);
  token = await officeToken(server.port);
});
after(async () => {
  await server.close();
  db.cleanup();
});

test(
  'handshake: graphql-ws is echoed, ka follows the ack at once, start_ack for a valid start',
  { timeout: 20_000 },
  async () => {
    const client = await connect(['graphql-ws', authProtocol(token)]);
    assert.equal(client.ws.protocol, 'graphql-ws');
    client.send({ type: 'connection_init' });
    const ack = await client.next('connection_ack');
    assert.deepEqual(ack['payload'], { connectionTimeoutMs: 300000 });
    await client.next('ka', 200);
    client.send(start('s1', 'subscription operation { onCreateSite { id name _version _lastChangedAt _deleted } }'));
    assert.deepEqual(await client.next('start_ack'), { type: 'start_ack', id: 's1' });
    client.ws.close();
  },
);

test(
  'events arrive in commit order with the full stored record, honouring the subscription filter',
  { timeout: 20_000 },
  async () => {
    const client = await connect(['graphql-ws', authProtocol(token)]);
    client.send({ type: 'connection_init' });
    await client.next('connection_ack');
    client.send(start('all', 'subscription { onUpdateSite { id notes _version } }'));
    client.send(
      start('only-b', 'subscription($f: ModelSubscriptionSiteFilterInput) { onUpdateSite(filter: $f) { id notes } }', {
        f: { name: { eq: 'B' } },
      }),
    );
    await client.next('start_ack');
    await client.next('start_ack');
    const created = await gql(
      server.port,
      'mutation { a: createSite(input: {id: "ra", name: "A"}) { id } b: createSite(input: {id: "rb", name: "B"}) { id } }',
    );
    assert.equal(created.body.errors, undefined);
    for (let v = 1; v <= 5; v++) {
      await gql(server.port, 'mutation($v: Int) { updateSite(input: {id: "ra", notes: "x", _version: $v}) { id } }', {
        v,
      });
    }
    await gql(server.port, 'mutation { updateSite(input: {id: "rb", notes: "only", _version: 1}) { id } }');
    const events = [];
    for (let i = 0; i < 7; i++) events.push(await client.next('data'));
    const versions = events
      .filter((e) => e['id'] === 'all')
      .map((e) => (e['payload'] as { data: { onUpdateSite: { _version: number } } }).data.onUpdateSite._version);
    assert.deepEqual(versions, [2, 3, 4, 5, 6, 2]);
    const filtered = events.filter((e) => e['id'] === 'only-b');
    assert.deepEqual(
      filtered.map((e) => e['payload']),
      [{ data: { onUpdateSite: { id: 'rb', notes: 'only' } } }],
    );
    client.send({ type: 'stop', id: 'all' });
    assert.deepEqual(await client.next('complete'), { type: 'complete', id: 'all' });
    client.ws.close();
  },
);

test(
  'a forged token is refused on the WebSocket, by subprotocol and by ?header= query',
  { timeout: 20_000 },
  async () => {
    const bySubprotocol = await connect(['graphql-ws', authProtocol('not-a-token')]);
    bySubprotocol.send({ type: 'connection_init' });
    const refused = await bySubprotocol.next('connection_error');
    assert.deepEqual(refused['payload'], {
      errors: [
        { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 },
      ],
    });
    assert.equal(
      bySubprotocol.frames.some((f) => f['type'] === 'connection_ack'),
      false,
    );

    const header = (authorization: string) =>
      Buffer.from(JSON.stringify({ host: 'h', Authorization: authorization })).toString('base64');
    const byQueryBad = await connect(['graphql-ws'], `?header=${header('nope')}&payload=e30=`);
    byQueryBad.send({ type: 'connection_init' });
    await byQueryBad.next('connection_error');
    const byQueryGood = await connect(['graphql-ws'], `?header=${header(token)}&payload=e30=`);
    byQueryGood.send({ type: 'connection_init' });
    await byQueryGood.next('connection_ack');
    // The token is checked again on every start.
    byQueryGood.send(start('s', 'subscription { onCreateJob { id } }', {}, 'not-a-token'));
    const denied = await byQueryGood.next('error');
    assert.equal(denied['id'], 's');
    assert.equal((denied['payload'] as { errors: { errorType: string }[] }).errors[0]?.errorType, 'Unauthorized');
    byQueryGood.ws.close();
  },
);

test(
  'garbage frames, invalid starts and unknown ids get errors and the socket keeps serving',
  { timeout: 20_000 },
  async () => {
    const client = await connect(['graphql-ws', authProtocol(token)]);
    client.send({ type: 'connection_init' });
    await client.next('connection_ack');
    for (const garbage of ['not json', '{"type":"nonsense"}', '[1,2]', '{"type":"start","id":"x"}']) {
      client.send(garbage);
      const error = await client.next('error');
      assert.equal(
        (error['payload'] as { errors: { errorType: string }[] }).errors[0]?.errorType,
        'UnsupportedOperation',
      );
    }
    client.send(start('bad-field', 'subscription { onCreateNothing { id } }'));
    assert.equal((await client.next('error'))['id'], 'bad-field');
    client.send(start('bad-syntax', 'subscription {'));
    assert.equal((await client.next('error'))['id'], 'bad-syntax');
    client.send(
      start('bad-filter', 'subscription($f: ModelSubscriptionSiteFilterInput) { onCreateSite(filter: $f) { id } }', {
        f: { name: { eq: 5 } },
      }),
    );
    assert.equal((await client.next('error'))['id'], 'bad-filter');
    client.send({ type: 'stop', id: 'never-started' });
    assert.equal((await client.next('error'))['id'], 'never-started');
    client.send(start('ok', 'subscription { onCreateSite { id } }'));
    assert.deepEqual(await client.next('start_ack'), { type: 'start_ack', id: 'ok' });
    await gql(server.port, 'mutation { createSite(input: {id: "after-garbage", name: "G"}) { id } }');
    assert.deepEqual((await client.next('data'))['payload'], { data: { onCreateSite: { id: 'after-garbage' } } });
    client.ws.close();
  },
);
