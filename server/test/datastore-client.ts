/**
 * A real DataStore client in its own process (DataStore is a per-process singleton), driven by the
 * test over IPC. The environment is Node's, not the protocol's: IndexedDB from fake-indexeddb, a
 * WebSocket from `ws` (DataStore always dials wss://, so this test harness dials ws:// instead), and
 * a fetch that can hold mutations back to simulate a slow or offline network deterministically.
 */
import 'fake-indexeddb/auto';

import { createRequire } from 'node:module';

import { WebSocket as NodeWebSocket } from 'ws';

// The CommonJS builds throughout, so Amplify, DataStore and the models share one @aws-amplify/core.
const require = createRequire(import.meta.url);
const { Amplify } = require('aws-amplify') as typeof import('aws-amplify');
const { Hub } = require('@aws-amplify/core') as typeof import('@aws-amplify/core');
const datastore = require('@aws-amplify/datastore') as typeof import('@aws-amplify/datastore');
const indexedDbAdapter = require('@aws-amplify/datastore/dist/cjs/storage/adapter/IndexedDBAdapter.js').default;
const { DataStore, syncExpression, DISCARD } = datastore;

class LocalWebSocket extends NodeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(String(url).replace(/^wss:\/\/(127\.0\.0\.1|localhost):/, 'ws://$1:'), protocols);
  }
}
(globalThis as Record<string, unknown>)['WebSocket'] = LocalWebSocket;

let holding = false;
let held: (() => void)[] = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  if (holding && typeof init?.body === 'string' && init.body.includes('"mutation ')) {
    await new Promise<void>((resolve) => held.push(resolve));
  }
  return realFetch(input, init);
};

type Fields = Record<string, unknown>;
const hubEvents: { event: string; data: unknown }[] = [];
const conflicts: { model: string; local: Fields; remote: Fields; operation: string }[] = [];
Hub.listen('datastore', ({ payload }) => hubEvents.push({ event: payload.event, data: payload.data }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let models: Record<string, any> = {};

function plain(value: unknown): Fields {
  return JSON.parse(JSON.stringify(value)) as Fields;
}

interface StartArgs {
  endpoint: string;
  apiKey: string;
  syncPageSize: number;
  selective?: { model: string; field: string; eq: string };
}

const commands: Record<string, (args: never) => Promise<unknown>> = {
  async start(args: StartArgs) {
    models = await import('../../src/models/index.js');
    Amplify.configure({ API: { GraphQL: { endpoint: args.endpoint, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey: args.apiKey } } });
    const selective = args.selective;
    DataStore.configure({
      storageAdapter: indexedDbAdapter,
      syncPageSize: args.syncPageSize,
      ...(selective
        ? { syncExpressions: [syncExpression(models[selective.model], () => (m: Fields) => (m[selective.field] as { eq(v: string): never }).eq(selective.eq))] }
        : {}),
      conflictHandler: async ({ modelConstructor, localModel, remoteModel, operation }) => {
        conflicts.push({ model: modelConstructor.name, local: plain(localModel), remote: plain(remoteModel), operation });
        return DISCARD;
      },
      errorHandler: (error) => hubEvents.push({ event: 'errorHandler', data: plain({ ...error, localModel: error.localModel }) }),
    });
    await DataStore.start();
    return null;
  },
  async create({ model, fields }: { model: string; fields: Fields }) {
    return plain(await DataStore.save(new models[model](fields)));
  },
  async update({ model, id, fields }: { model: string; id: string; fields: Fields }) {
    const current = await DataStore.query(models[model], id);
    if (!current) throw new Error(`${model} ${id} not found locally`);
    return plain(await DataStore.save(models[model].copyOf(current, (draft: Fields) => Object.assign(draft, fields))));
  },
  async delete({ model, id }: { model: string; id: string }) {
    const current = await DataStore.query(models[model], id);
    if (!current) throw new Error(`${model} ${id} not found locally`);
    return plain(await DataStore.delete(current));
  },
  async query({ model }: { model: string }) {
    return (await DataStore.query(models[model])).map(plain);
  },
  async stop() {
    await DataStore.stop();
    return null;
  },
  async hold() {
    holding = true;
    return null;
  },
  async release() {
    holding = false;
    for (const resume of held) resume();
    held = [];
    return null;
  },
  async events() {
    return { hub: plain(hubEvents), conflicts };
  },
};

process.on('message', (message: { id: number; command: string; args: unknown }) => {
  const command = commands[message.command];
  const run = command ? command(message.args as never) : Promise.reject(new Error(`unknown command ${message.command}`));
  run.then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: String((error as Error)?.stack ?? error) }),
  );
});
process.send?.({ ready: true });
