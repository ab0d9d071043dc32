import { performance } from 'node:perf_hooks';

import { WebSocket } from 'ws';

import type { BenchServer } from '../lib/accounts.ts';
import { graphql, JOB_SELECTION, UPDATE_JOB } from '../lib/server.ts';
import { percentile, sleep } from '../lib/stats.ts';

interface Subscriber {
  socket: WebSocket;
  /** performance.now() of each onUpdateJob event, by `description` (unique per mutation). */
  received: Map<string, number>;
}

/** AppSync's header for the user pool mode: the host and the access token, as Amplify sends them. */
function authHeader(server: BenchServer): Record<string, string> {
  return { host: new URL(server.url).host, Authorization: server.authorization };
}

function base64url(value: string): string {
  return Buffer.from(value).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Connects like aws-amplify ≥ 6.6 and starts DataStore's three Job subscriptions; resolves on the last start_ack. */
async function subscribe(server: BenchServer, index: number): Promise<Subscriber> {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/graphql/realtime`, [
    'graphql-ws',
    `header-${base64url(JSON.stringify(authHeader(server)))}`,
  ]);
  const received = new Map<string, number>();
  const operations = ['onCreateJob', 'onUpdateJob', 'onDeleteJob'];
  await new Promise<void>((resolve, reject) => {
    const acked = new Set<string>();
    socket.once('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const now = performance.now();
      const message = JSON.parse(String(raw)) as {
        type: string;
        id?: string;
        payload?: { data?: Record<string, { description?: string }> };
      };
      if (message.type === 'connection_ack') {
        for (const operation of operations) {
          socket.send(
            JSON.stringify({
              id: `${index}-${operation}`,
              type: 'start',
              payload: {
                data: JSON.stringify({
                  query: `subscription operation { ${operation} { ${JOB_SELECTION} } }`,
                  variables: {},
                }),
                extensions: { authorization: authHeader(server) },
              },
            }),
          );
        }
      } else if (message.type === 'start_ack' && message.id) {
        acked.add(message.id);
        if (acked.size === operations.length) resolve();
      } else if (message.type === 'data') {
        const description = message.payload?.data?.['onUpdateJob']?.description;
        if (description) received.set(description, now);
      } else if (message.type === 'error' || message.type === 'connection_error') {
        reject(new Error(`subscription failed: ${String(raw)}`));
      }
    });
  });
  return { socket, received };
}

export interface FanoutSetup {
  subscribers: Subscriber[];
  close(): void;
}

export async function connectSubscribers(server: BenchServer, count: number): Promise<FanoutSetup> {
  const subscribers: Subscriber[] = [];
  // In batches, as devices would come online: 200 simultaneous handshakes measure nothing useful.
  for (let i = 0; i < count; i += 20) {
    subscribers.push(
      ...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, k) => subscribe(server, i + k)))),
    );
  }
  return { subscribers, close: () => subscribers.forEach((s) => s.socket.terminate()) };
}

export interface FanoutRun {
  events: number;
  missing: number;
  p50Ms: number;
  p99Ms: number;
  /** From sending the mutation, for reference: includes the server's write and its response. */
  sendToEventP99Ms: number;
}

/** `mutations` updates, one after another, each waiting until every subscriber has its event (or 2 s). */
export async function fanoutRun(
  server: BenchServer,
  setup: FanoutSetup,
  jobId: string,
  run: number,
  mutations: number,
): Promise<FanoutRun> {
  const fromAck: number[] = [];
  const fromSend: number[] = [];
  let missing = 0;
  let version = (
    (await graphql(server, `query { getJob(id: "${jobId}") { _version } }`, {})).data?.['getJob'] as {
      _version: number;
    }
  )._version;
  for (let m = 0; m < mutations; m++) {
    const description = `fan-out run ${run} mutation ${m}`;
    const sent = performance.now();
    const result = await graphql(server, UPDATE_JOB, {
      input: { id: jobId, _version: version, description },
      condition: null,
    });
    const acked = performance.now();
    const item = result.data?.['updateJob'] as { _version: number } | undefined;
    if (!item) throw new Error(`fan-out mutation failed: ${JSON.stringify(result.errors)}`);
    version = item._version;
    const deadline = acked + 2000;
    while (performance.now() < deadline && setup.subscribers.some((s) => !s.received.has(description))) await sleep(1);
    for (const subscriber of setup.subscribers) {
      const at = subscriber.received.get(description);
      if (at === undefined) {
        missing++;
        continue;
      }
      // An event can overtake the HTTP response (the server publishes on commit): that is 0 ms late.
      fromAck.push(Math.max(0, at - acked));
      fromSend.push(at - sent);
    }
    await sleep(20);
  }
  return {
    events: fromAck.length,
    missing,
    p50Ms: percentile(fromAck, 50),
    p99Ms: percentile(fromAck, 99),
    sendToEventP99Ms: percentile(fromSend, 99),
  };
}
