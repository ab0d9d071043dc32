/**
 * A real DataStore client in its own process (DataStore is a per-process singleton), driven by the
 * test over IPC. The environment is Node's, not the protocol's: IndexedDB from fake-indexeddb, a
 * WebSocket from `ws` (DataStore always dials wss://, so this test harness dials ws:// instead), and
 * a fetch that can hold mutations back to simulate a slow or offline network deterministically.
 */
import 'fake-indexeddb/auto';

import { createRequire } from 'node:module';

import type * as CoreModule from '@aws-amplify/core';
import type * as DataStoreModule from '@aws-amplify/datastore';
import type * as AmplifyModule from 'aws-amplify';
import type * as AuthModule from 'aws-amplify/auth';
import type * as CognitoModule from 'aws-amplify/auth/cognito';
import { WebSocket as NodeWebSocket } from 'ws';

import { TokenRenewal } from '../../src/app/domains/account/util/token-renewal.ts';
import { crewGroupOf, scopeOf } from '../../src/app/domains/crews/util/crew-scope.ts';
import { openDataStoreDatabase } from '../../src/app/domains/shared/data/datastore-store.ts';
import { handoverNotes } from '../../src/app/domains/shared/data/handover-notes.ts';
import { ownFields } from '../../src/app/domains/shared/data/own-fields.ts';
import {
  childrenTaken,
  type ListChildren,
  type RestoreCreate,
  restoreCreates,
  type TakenChild,
} from '../../src/app/domains/shared/util/deleted-with.ts';
import { stampEditTimes } from '../../src/app/domains/shared/util/edit-times.ts';
import { restoredIds } from '../../src/app/domains/shared/util/restored-id.ts';
import { fieldbookStorageAdapter } from '../../src/app/domains/sync/data/fieldbook-storage-adapter.ts';
import { GhostSweep, type ModelSync } from '../../src/app/domains/sync/data/ghost-sweep.ts';
import type { PendingHandovers } from '../../src/app/domains/sync/data/pending-handovers.ts';
import { HANDOVER_MODEL, ScopeEviction, type ScopeMemory } from '../../src/app/domains/sync/data/scope-eviction.ts';
import { type EvictedRecord, forgetLastSyncs } from '../../src/app/domains/sync/data/scope-eviction-store.ts';
import {
  crewScopedModels,
  type ScopedSchema,
  scopeSyncExpressions,
} from '../../src/app/domains/sync/data/scope-sync-expressions.ts';
import { userFields } from '../../src/app/domains/sync/util/change-to-review.ts';
import type { OutboxEntry } from '../../src/app/domains/sync/util/outbox-entry.ts';
import { describeReplaced, replacedValues } from '../../src/app/domains/sync/util/replaced-values.ts';
import { strayScope } from '../../src/app/domains/sync/util/stray-scope.ts';
import type { SyncScope } from '../../src/app/domains/sync/util/sync-scope.ts';
import { isRefusedConnection } from '../../src/app/domains/sync/util/token-refusal.ts';
import { type Gate, gate } from '../../testing/gate.ts';
import { breakEviction, EVICTION_BREAKS, type EvictionBreak, sweepsGhosts } from './broken-eviction.ts';
import { DeviceReview, type StorageChange } from './device-review.ts';
import { RefusedTokens } from './refused-tokens.ts';
import { SharedTabs } from './shared-tabs.ts';
import { withStuckReport } from './stuck-report.ts';
import { expiresAt, signedInAs } from './token-user.ts';

// The CommonJS builds throughout, so Amplify, DataStore and the models share one @aws-amplify/core.
const require = createRequire(import.meta.url);
const { Amplify } = require('aws-amplify') as typeof AmplifyModule;
const amplifyAuth = require('aws-amplify/auth') as typeof AuthModule;
const { cognitoUserPoolsTokenProvider } = require('aws-amplify/auth/cognito') as typeof CognitoModule;
const { Hub } = require('@aws-amplify/core') as typeof CoreModule;
const datastore = require('@aws-amplify/datastore') as typeof DataStoreModule;
const stockIndexedDbAdapter = require('@aws-amplify/datastore/dist/cjs/storage/adapter/IndexedDBAdapter.js').default;
// The app's adapter (src/app/domains/sync/data), built on this build's stock adapter.
const fieldbookAdapter = fieldbookStorageAdapter(stockIndexedDbAdapter);
const { DataStore, syncExpression, DISCARD } = datastore;

type RetryDelay = (attempt: number, args: unknown[], error: unknown) => number | false;
/**
 * The delay DataStore's mutation processor waits between a mutation's attempts (it reads this
 * export at every send). While retries are held, a retry waits far longer than any test, so a test
 * that has seen `retrySleeps` grow knows the mutation is between attempts, not in one.
 */
const mutationProcessor = require('@aws-amplify/datastore/dist/cjs/sync/processors/mutation.js') as {
  safeJitteredBackoff: RetryDelay;
};
const retryDelay = mutationProcessor.safeJitteredBackoff;
const HELD_RETRY_MS = 10 * 60 * 1000;
let holdingRetries = false;
let retrySleeps = 0;
mutationProcessor.safeJitteredBackoff = (attempt, args, error) => {
  const delay = retryDelay(attempt, args, error);
  if (!holdingRetries || delay === false) return delay;
  retrySleeps++;
  return HELD_RETRY_MS;
};

// Reads through each IndexedDB index by name, so a test can tell DataStore's queries use an index.
const indexReads: Record<string, number> = {};
const indexGetAll = IDBIndex.prototype.getAll;
IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
  indexReads[this.name] = (indexReads[this.name] ?? 0) + 1;
  return indexGetAll.apply(this, args);
};

class LocalWebSocket extends NodeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(String(url).replace(/^wss:\/\/(127\.0\.0\.1|localhost):/, 'ws://$1:'), protocols);
  }
}
(globalThis as Record<string, unknown>)['WebSocket'] = LocalWebSocket;

/**
 * localStorage as a browser profile keeps it, in this process's memory: the app's device-local
 * notes (shared/data's ledgers, such as the handovers waiting for their move's answer) run here as
 * they do in the app, and last across the sync engine's stops and starts as a profile's do across
 * reloads.
 */
class ProcessStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}
(globalThis as Record<string, unknown>)['localStorage'] ??= new ProcessStorage();

type Fields = Record<string, unknown>;
type WriteOrder = 'queued' | 'stored' | 'read';
/** One mutation as this client sent it and, when an answer arrived, what the server said. */
interface SentMutation {
  field: string;
  variables: Fields;
  sentAt: number;
  /** Who it was sent as: the `username` of the access token it carried (never the token itself). */
  as?: string;
  response?: Fields;
}
let sent: SentMutation[] = [];
/** Mutations whose request failed (the server down, the connection cut): nothing came back. */
let failedSends = 0;

/** Mutations kept from the server until released (no network yet). */
let sends: Gate | undefined;
/** The mutation (its field, as `createHandover`) last to reach the `sends` gate. */
let heldField = '';
/** Answers the server already gave, kept from DataStore until released (a slow network's way back). */
let answers: Gate | undefined;
/** Versions handed to the sync engine's merger since `recordMerges`. */
const merges: Fields[] = [];
const realFetch = globalThis.fetch;
/**
 * A sync page whose request goes only once the access token it carries has expired by the server's
 * clock (`expireTokenBeforeSyncPage`): a token that ran out between two pages of one sync.
 */
interface ExpiringPage {
  /** The sync query's field (`syncJobs`), and which of its requests from now on, counting from 1. */
  readonly field: string;
  readonly page: number;
  requests: number;
  /** How the server answered that request: its HTTP status and first error type. */
  answer?: { status: number; errorType?: unknown };
}
let expiringPage: ExpiringPage | undefined;
async function sendOnceExpired(page: ExpiringPage, input: Parameters<typeof fetch>[0], init?: RequestInit) {
  const expiry = expiresAt(new Headers(init?.headers).get('authorization'));
  if (expiry === undefined) throw new Error('the sync page carries no user pool token');
  await until(() => Date.now() > expiry);
  const response = await realFetch(input, init);
  const answer = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { errors?: { errorType?: unknown }[] } | undefined;
  page.answer = { status: response.status, errorType: answer?.errors?.[0]?.errorType };
  return response;
}
globalThis.fetch = async (input, init) => {
  const body = typeof init?.body === 'string' ? init.body : '';
  const page = expiringPage;
  if (page && body.includes(`${page.field}(`) && ++page.requests === page.page)
    return sendOnceExpired(page, input, init);
  if (!body.includes('"mutation ')) return realFetch(input, init);
  const request = JSON.parse(body) as { query: string; variables: Fields };
  heldField = /\{\s*(\w+)\(/.exec(request.query)?.[1] ?? '';
  await sends?.hold();
  const as = signedInAs(new Headers(init?.headers).get('authorization'));
  const entry: SentMutation = {
    field: /\{\s*(\w+)\(/.exec(request.query)?.[1] ?? '',
    variables: request.variables,
    sentAt: Date.now(),
    ...(as ? { as } : {}),
  };
  sent.push(entry);
  const response = await realFetch(input, init).catch((error: unknown) => {
    failedSends++;
    throw error;
  });
  await answers?.hold();
  // A connection cut mid-answer leaves no response: the write may or may not have been committed.
  entry.response = (await response
    .clone()
    .json()
    .catch(() => undefined)) as Fields | undefined;
  return response;
};
const hubEvents: { event: string; data: unknown; at: number }[] = [];
const conflicts: { model: string; local: Fields; remote: Fields; operation: string; at: number }[] = [];
/** Waiters for a Hub event, each settled by the first event it accepts. */
const hubWaiters = new Set<(event: string, data: unknown) => boolean>();
/** A model's sync, with the model's name (its class would not survive the trip to the test). */
const withModelName = (data: unknown) => {
  const model = (data as { model?: unknown } | undefined)?.model;
  return typeof model === 'function' ? { ...(data as Fields), model: model.name } : data;
};
Hub.listen('datastore', ({ payload }) => {
  const data = payload.event === 'modelSynced' ? withModelName(payload.data) : payload.data;
  hubEvents.push({ event: payload.event, data, at: Date.now() });
  for (const accepts of hubWaiters) if (accepts(payload.event, payload.data)) hubWaiters.delete(accepts);
});
/** Settles when the sync engine has dequeued and merged the server's answer to a write of record `id`. */
function answerMerged(id: string): Promise<void> {
  return new Promise((resolve) =>
    hubWaiters.add((event, data) => {
      const merged = event === 'outboxMutationProcessed' && (data as { element?: Fields }).element?.['id'] === id;
      if (merged) resolve();
      return merged;
    }),
  );
}
// The real-time socket's own state (Connected, ConnectionDisrupted, ...), as `api:<state>`.
Hub.listen('api', ({ payload }) => {
  const state = (payload.data as { connectionState?: unknown } | undefined)?.connectionState;
  if (payload.event === 'ConnectionStateChange' && typeof state === 'string') {
    hubEvents.push({ event: `api:${state}`, data: null, at: Date.now() });
  }
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let models: Record<string, any> = {};
/** A record's id, or its key fields for a model keyed by @primaryKey. */
type Identifier = string | Fields;

function plain(value: unknown): Fields {
  return JSON.parse(JSON.stringify(value)) as Fields;
}

/**
 * Notes this device still held when it saw their job deleted: what the app's sync leader puts in
 * front of the user as "Restore the job / Discard the notes" (domains/sync/data/orphaned-children.ts).
 * The watch is on DataStore's storage, made anew at every start, from the moment the sync engine
 * subscribes to it: in Node, DataStore.start() and observe() wait for the first sync, so an observer
 * made after them would miss the deletes that sync brings (a browser's start resolves before it).
 */
const orphans: { jobId: string; noteIds: string[] }[] = [];
interface StorageObserver {
  observe(model: unknown): { subscribe(next: (change: { opType: string; element: Fields }) => void): Unsubscribable };
}
interface Unsubscribable {
  unsubscribe(): void;
}
interface StorageStream {
  subscribe(next: (change: StorageChange) => void): Unsubscribable;
}
let orphanWatch: Unsubscribable | undefined;
function watchForOrphanedNotes(): void {
  orphanWatch?.unsubscribe();
  const storage = (DataStore as unknown as { storage: StorageObserver }).storage;
  orphanWatch = storage.observe(models['Job']).subscribe(({ opType, element }) => {
    if (opType !== 'DELETE') return;
    const jobId = String(element['id']);
    const onJob = (note: Fields) => (note['jobID'] as { eq(v: string): never }).eq(jobId);
    void (DataStore.query(models['FieldNote'], onJob) as Promise<unknown> as Promise<Fields[]>)
      .then((notes) => {
        if (notes.length > 0) orphans.push({ jobId, noteIds: notes.map((note) => String(note['id'])) });
      })
      .catch(() => undefined);
  });
}
Hub.listen('datastore', ({ payload }) => {
  if (payload.event === 'storageSubscribed') watchForOrphanedNotes();
});

/** A job's notes and a site's jobs on this device, as the app's CHILD_RECORDS lists them. */
const CHILDREN: Readonly<Record<string, { model: string; key: string }>> = {
  Job: { model: 'FieldNote', key: 'jobID' },
  Site: { model: 'Job', key: 'siteID' },
};
const children: ListChildren = async (model, id) => {
  const child = CHILDREN[model];
  if (!child || !models[child.model]) return [];
  const onParent = (record: Fields) => (record[child.key] as { eq(v: string): never }).eq(id);
  const found = (await (DataStore.query(models[child.model], onParent) as Promise<unknown>)) as Fields[];
  return found.map((record) => ({ model: child.model, record: plain(record) }));
};

/** DataStore's outbox, read from IndexedDB itself as the app's SyncStorageReader reads it, oldest first. */
function openDeviceDatabase(): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('amplify-datastore');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('cannot open the DataStore database'));
  });
}
async function outboxEntries(): Promise<OutboxEntry[]> {
  const db = await openDeviceDatabase();
  try {
    if (!db.objectStoreNames.contains('sync_MutationEvent')) return [];
    const all = db.transaction('sync_MutationEvent').objectStore('sync_MutationEvent').getAll();
    const entries = await new Promise<OutboxEntry[]>((resolve, reject) => {
      all.onsuccess = () => resolve(all.result as OutboxEntry[]);
      all.onerror = () => reject(all.error ?? new Error('cannot read the outbox'));
    });
    // In key order, which is the order DataStore sends them in (datastore-store.ts in the app says why).
    return entries;
  } finally {
    db.close();
  }
}

const modelClasses = () => Object.entries(models).filter(([, model]) => typeof model?.copyOf === 'function');
/** A record as the device store holds it, sync metadata included. */
async function storedRecord(model: string, id: string): Promise<Fields | null> {
  const found = models[model] ? await DataStore.query(models[model], id) : undefined;
  return found ? plain(found) : null;
}
/** The app's review of conflicts, errors and answers, with this process's review list. */
const review = new DeviceReview(
  outboxEntries,
  {
    async modelOf(id) {
      for (const [name, model] of modelClasses()) if (await DataStore.query(model, id)) return name;
      return undefined;
    },
    async current(model, id) {
      const found = await storedRecord(model, id);
      return found ? userFields(found) : null;
    },
  },
  storedRecord,
);
let storageWatch: Unsubscribable | undefined;
Hub.listen('datastore', ({ payload }) => {
  if (payload.event === 'storageSubscribed') {
    storageWatch?.unsubscribe();
    const storage = (DataStore as unknown as { storage: { storage: { pushStream: StorageStream } } }).storage;
    storageWatch = storage.storage.pushStream.subscribe((change) => review.storageChanged(change));
  }
  review.answers.syncEvent(payload.event, payload.data as { model?: { name?: string }; element?: Fields } | undefined);
});

interface RaceArgs {
  model: string;
  id: string;
  operation: 'update' | 'delete';
  fields?: Fields;
  remote: Fields;
  /** How the other device's version arrives: merged alone (a real-time message) or in a sync page. */
  via?: 'merge' | 'page';
}
/** What the race above reaches into: DataStore's storage lock and its sync engine's merger. */
interface DataStoreInternals {
  storage: {
    runExclusive<T>(work: (storage: unknown) => Promise<T>): Promise<T>;
    storage: { adapter: Record<'save' | 'delete', (...args: unknown[]) => Promise<unknown>> };
  };
  sync: {
    modelInstanceCreator(model: unknown, init: Fields): unknown;
    getModelDefinition(model: unknown): unknown;
    modelMerger: {
      merge(storage: unknown, model: unknown, definition: unknown): Promise<unknown>;
      mergePage(storage: unknown, constructor: unknown, items: unknown[], definition: unknown): Promise<unknown>;
    };
    outbox: {
      getModelIds(storage: unknown): Promise<Set<string>>;
      enqueue(storage: unknown, mutationEvent: { modelId: string }): Promise<void>;
      dequeue(storage: unknown, record?: Fields, operation?: unknown): Promise<unknown>;
      peek(storage: unknown): Promise<unknown>;
    };
    stop(): Promise<void>;
  };
}

/** The parts of DataStore's sync engine `holdSyncPage` holds a page in. */
interface SyncEngineProcesses {
  runningProcesses: Processes;
  syncQueriesProcessor: {
    runningProcesses: Processes;
    retrievePage(definition: { name: string }, ...rest: unknown[]): Promise<{ items: unknown[] }>;
  };
  modelMerger: DataStoreInternals['sync']['modelMerger'];
}

/** DataStore stopped by `stopAsAnswerDequeued`, once it has. */
let stoppedAtAnswer: Promise<void> | undefined;

/** Tabs sharing this process's device store, for a client that models one browser profile. */
const tabs = new SharedTabs(
  DataStore,
  () => models,
  (model, id) => noteWhatDeleteTakes(model, id),
);

interface StartArgs {
  fullSyncIntervalMinutes?: number;
  endpoint: string;
  apiKey: string;
  syncPageSize: number;
  selective?: { model: string; field: string; eq: string };
  /** The generated models to sync (an index.js as `npm run codegen` writes); the app's when omitted. */
  modelsModule?: string;
  /** DataStore's own IndexedDB adapter instead of the app's (a device from before the app had its own). */
  stockAdapter?: boolean;
  /** An API on the user pool: DataStore sends the tokens of whoever `signIn` signed in. */
  userPool?: { poolId: string; clientId: string; endpoint: string; username: string; password: string };
  /** A token the sync server refuses is renewed and sync restarted, as the app does (refused-tokens.ts). */
  renewRefusedTokens?: boolean;
  /** What the device holds, as the app's sync leader keeps it (sync expressions and eviction). */
  scope?: SyncScope;
}

/**
 * The device's scope as the app keeps it (sync/data/scope-eviction.ts over the app's storage): set
 * up at a start with `scope`, entered again by `rescope`. Every record it evicts is noted.
 */
let scopeEviction: ScopeEviction | undefined;
let scopedSchema: ScopedSchema | undefined;
const evictions: EvictedRecord[] = [];
/** The records `create` made here, as the app's shared/data/made-here.ts notes them. */
const madeHere = new Set<string>();
/** A deliberately broken device's evictions (`breakEviction`, broken-eviction.ts). */
let evictionBreak: EvictionBreak | undefined;
/** The scope eviction, unless a deliberately broken device never evicts. */
const eviction = () => (evictionBreak === 'never' ? undefined : scopeEviction);
let rememberedScope: ReturnType<ScopeMemory['read']> = null;
const scopeMemory: ScopeMemory = {
  read: () => rememberedScope,
  write: (remembered) => void (rememberedScope = remembered),
};
Hub.listen('datastore', ({ payload }) => {
  if (payload.event === 'outboxMutationProcessed') void eviction()?.recheck();
});
/**
 * The app's PendingHandovers (sync/data/pending-handovers.ts): the handovers of this device's moves,
 * written once the moves are answered. Loaded at a start on the app's models only (see moveToCrew).
 */
let pendingHandovers: PendingHandovers | undefined;
Hub.listen('datastore', ({ payload }) => {
  const answer = payload.data as { model?: { name?: string }; element?: Fields } | undefined;
  if (payload.event === 'outboxMutationProcessed' && answer?.model?.name && answer.element)
    void pendingHandovers?.answered(answer.model.name, answer.element);
  if (payload.event === 'ready') void pendingHandovers?.settle();
});
fieldbookAdapter.onOutboxDeleted = () => void eviction()?.recheck();
/** Records a full sync did not bring, removed as the app's leader removes them (GhostSweep). */
const ghosts: EvictedRecord[] = [];
let ghostSweep: GhostSweep | undefined;
/** Settles once every sweep the syncs so far asked for is done. */
let sweeping: Promise<void> = Promise.resolve();
fieldbookAdapter.onSyncPage = (model, ids, intoEmptyStore) => ghostSweep?.saw(model, ids, intoEmptyStore);
fieldbookAdapter.onWrite = (model, id) => {
  ghostSweep?.wrote(model, id);
  if (model === HANDOVER_MODEL) void eviction()?.evictHandedOver();
};
Hub.listen('datastore', ({ payload }) => {
  const data = payload.data as ({ model?: { name?: string } } & ModelSync) | undefined;
  if (payload.event === 'syncQueriesStarted') ghostSweep?.begin();
  if (payload.event === 'modelSynced' && data?.model?.name === HANDOVER_MODEL) void eviction()?.evictHandedOver();
  if (payload.event === 'modelSynced' && data?.model?.name && ghostSweep)
    sweeping = ghostSweep.synced(data.model.name, data).catch(() => undefined);
});

/** Configures DataStore's sync expressions for `scope` and evicts what left it: the engine is stopped. */
async function enterScope(scope: SyncScope): Promise<void> {
  if (!scopedSchema) throw new Error('start the client with a scope first');
  DataStore.configure({ syncExpressions: scopeSyncExpressions(models, scopedSchema, scope) });
  if (evictionBreak)
    await breakEviction(evictionBreak, scope, {
      database: 'amplify-datastore',
      models: ['Site', 'Job', 'FieldNote'],
      query: async (model) => (await DataStore.query(models[model])).map(plain),
      delete: async (model, record) => {
        const current = await DataStore.query(models[model], String(record['id']));
        if (current) await DataStore.delete(current);
      },
      evicted: (records) => evictions.push(...records),
    });
  await eviction()?.enter(scope);
  scopesEntered++;
}

/** How many times the device has entered a scope (`enterScope`), for `holdSyncPage`. */
let scopesEntered = 0;

/** Settles once `ready` says so, looking again every few milliseconds. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A BackgroundProcessManager of DataStore's, as `holdSyncPage` reads it. */
interface Processes {
  readonly isClosing: boolean;
  readonly pending: readonly string[];
}

interface PageHold {
  /** Opened once the held page has come back from the server. */
  readonly fetched: Gate;
  /** Opened once the held page has been merged into the store. */
  readonly merged: Gate;
}
let pageHold: PageHold | undefined;

/**
 * Starts and stops of the sync engine, one at a time: the test's, and the restart after a renewed
 * sign-in (which the app runs as a device write, after the writes before it). A restart only
 * restarts an engine the test has not stopped.
 */
let engine: Promise<unknown> = Promise.resolve();
let engineWanted = false;
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = engine.then(work, work);
  engine = run.catch(() => undefined);
  return run;
}
const stopEngine = () => withStuckReport('DataStore.stop', DataStore, 25_000, DataStore.stop());
const startEngine = () => withStuckReport('DataStore.start', DataStore, 45_000, DataStore.start());
/** A deliberately broken device (`forgetTaken`): a delete notes nothing of what its cascade takes. */
let forgettingTaken = false;
/** What a user's delete of a job or a site is about to take with it, noted as the app's deleteIfPresent does. */
async function noteWhatDeleteTakes(model: string, id: string): Promise<void> {
  if (forgettingTaken) return;
  review.deleting({ model, recordId: id, children: await childrenTaken(model, id, children, await outboxEntries()) });
}
/** A deliberately broken device (`dropRefusedChanges`): a change sent with a refused token is dropped. */
let droppingRefusedChanges = false;
/** Deletes the outbox's oldest entry (its store is keyed by an autoincrement, so it is found by its id). */
async function dropOutboxHead(): Promise<void> {
  const [head] = await outboxEntries();
  if (!head) return;
  const db = await openDeviceDatabase();
  try {
    const cursor = db.transaction('sync_MutationEvent', 'readwrite').objectStore('sync_MutationEvent').openCursor();
    await new Promise<void>((resolve, reject) => {
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return resolve();
        if ((at.value as OutboxEntry).id === head.id) at.delete();
        at.continue();
      };
      cursor.onerror = () => reject(cursor.error ?? new Error('cannot drop the outbox head'));
    });
  } finally {
    db.close();
  }
}
/** Set at a start with `renewRefusedTokens`: the app's reaction to a token the server refused. */
let refusedTokens: RefusedTokens | undefined;
Hub.listen('datastore', ({ payload }) => {
  if (payload.event !== 'mutationTokenRefused') return;
  // A deliberately broken device drops the change the server refused the token for.
  void (droppingRefusedChanges ? dropOutboxHead() : Promise.resolve()).then(() => refusedTokens?.refused());
});
const nodeTokenPorts = {
  held: async () => (await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens())?.accessToken.toString() ?? null,
  refresh: async () =>
    (await amplifyAuth.fetchAuthSession({ forceRefresh: true })).tokens?.accessToken.toString() ?? null,
  drop: () => cognitoUserPoolsTokenProvider.authTokenStore.clearTokens(),
};
/** The device's one renewal, as the app's TOKEN_RENEWAL: it remembers the token it renewed to. */
const tokenRenewal = new TokenRenewal(nodeTokenPorts);

/** How often Amplify was asked for the user pool's tokens (every request DataStore makes asks). */
let tokenRequests = 0;
const tokenProviderGetTokens = cognitoUserPoolsTokenProvider.getTokens.bind(cognitoUserPoolsTokenProvider);
cognitoUserPoolsTokenProvider.getTokens = (options) => {
  tokenRequests++;
  return tokenProviderGetTokens(options);
};

declare const FIELDBOOK_TEST_CLIENT_BUNDLED: boolean | undefined;
/**
 * A test's own generated models, written at run time as `amplify codegen models` writes them (ES
 * syntax, extensionless imports): run through tsx, which the bundled client (scripts/
 * bundle-test-client.mjs) loads only for them.
 */
async function importOtherSchema(path: string): Promise<Record<string, unknown>> {
  if (typeof FIELDBOOK_TEST_CLIENT_BUNDLED === 'undefined') return import(path);
  tsxForOtherSchemas ??= (require('tsx/cjs/api') as { register(): () => void }).register();
  return require(path) as Record<string, unknown>;
}
let tsxForOtherSchemas: (() => void) | undefined;

const commands: Record<string, (args: never) => Promise<unknown>> = {
  async start(args: StartArgs) {
    models = await (args.modelsModule ? importOtherSchema(args.modelsModule) : import('../../src/models/index.js'));
    if (!args.modelsModule) {
      const app = await import('../../src/app/domains/sync/data/pending-handovers.ts');
      pendingHandovers ??= new app.PendingHandovers();
    }
    const pool = args.userPool;
    Amplify.configure({
      API: {
        GraphQL: pool
          ? { endpoint: args.endpoint, region: 'us-east-1', defaultAuthMode: 'userPool' }
          : { endpoint: args.endpoint, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey: args.apiKey },
      },
      ...(pool && {
        Auth: {
          Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, userPoolEndpoint: pool.endpoint },
        },
      }),
    });
    // Signed in before DataStore starts: in Node its start waits for a first sync that needs the tokens.
    // A client started again keeps the session it has, as the app does across a stop.
    const signedIn = await amplifyAuth.getCurrentUser().then(
      () => true,
      () => false,
    );
    if (pool && !signedIn) await amplifyAuth.signIn({ username: pool.username, password: pool.password });
    const selective = args.selective;
    // A device moving from the stock adapter to the app's: the app's opens the database at a newer
    // version, which waits until every older connection is closed (in the app a tab on the old
    // version lets go on `versionchange`; the stock adapter here never would).
    if (!args.stockAdapter) (stockIndexedDbAdapter as { db?: { close(): void } }).db?.close();
    DataStore.configure({
      storageAdapter: args.stockAdapter ? stockIndexedDbAdapter : fieldbookAdapter,
      syncPageSize: args.syncPageSize,
      ...(args.fullSyncIntervalMinutes ? { fullSyncInterval: args.fullSyncIntervalMinutes } : {}),
      ...(selective
        ? {
            syncExpressions: [
              syncExpression(
                models[selective.model],
                () => (m: Fields) => (m[selective.field] as { eq(v: string): never }).eq(selective.eq),
              ),
            ],
          }
        : {}),
      // As the app decides (its SyncHandlers): discard, filing the user's change for review; a move
      // to another crew is sent again on the server's version.
      conflictHandler: async ({ modelConstructor, localModel, remoteModel, operation }) => {
        conflicts.push({
          model: modelConstructor.name,
          local: plain(localModel),
          remote: plain(remoteModel),
          operation,
          at: Date.now(),
        });
        await pendingHandovers?.conflict(plain(remoteModel));
        const answer = await review.handlers.conflict({
          modelName: modelConstructor.name,
          localModel,
          remoteModel,
          operation,
        });
        return answer === 'discard' ? DISCARD : (answer as DataStoreModule.PersistentModel);
      },
      errorHandler: (error) => {
        hubEvents.push({
          event: 'errorHandler',
          data: plain({ ...error, localModel: error.localModel }),
          at: Date.now(),
        });
        // As the app's SyncHandlers: a refused real-time token is the sign-in to renew, nothing to file.
        if (refusedTokens && isRefusedConnection(error)) {
          refusedTokens.refused();
          return Promise.resolve();
        }
        const refused = (error.localModel as { id?: unknown } | null | undefined)?.id;
        const moveRefused =
          error.process === 'mutate' && typeof refused === 'string' ? pendingHandovers?.refused(refused) : undefined;
        // Awaited by DataStore, as the app's is: a refused change is read from the outbox before it is dropped.
        return Promise.all([moveRefused, review.handlers.error(error)]).then(() => undefined);
      },
    });
    if (args.scope) {
      const schemaModule = await (args.modelsModule
        ? importOtherSchema(args.modelsModule.replace(/index\.js$/, 'schema.js'))
        : import('../../src/models/schema.js'));
      scopedSchema = (schemaModule as { schema: ScopedSchema }).schema;
      scopeEviction = new ScopeEviction({
        groupOf: crewGroupOf,
        database: 'amplify-datastore',
        models: crewScopedModels(scopedSchema),
        memory: scopeMemory,
        evicted: (records) => evictions.push(...records),
        madeHere: (model, id) => madeHere.has(`${model}:${id}`),
        // As the app's sync/data/stray-rescope.ts saves them.
        rescope: async (strays) => {
          for (const stray of strays) {
            const current = await DataStore.query(models[stray.model], stray.id);
            const fields = strayScope(stray, crewGroupOf);
            if (current)
              await DataStore.save(
                models[stray.model].copyOf(current, (draft: Fields) => Object.assign(draft, fields)),
              );
          }
        },
      });
      await enterScope(args.scope);
      ghostSweep = !sweepsGhosts(evictionBreak)
        ? undefined
        : new GhostSweep({
            maxRecords: 10_000,
            open: () => openDataStoreDatabase(),
            inScope: () => true,
            swept: (records) => ghosts.push(...records),
          });
    }
    refusedTokens = args.renewRefusedTokens
      ? new RefusedTokens(
          tokenRenewal,
          async () => (await nodeTokenPorts.held()) !== null,
          () => serially(async () => (engineWanted ? (await stopEngine(), await startEngine()) : undefined)),
          (outcome) => hubEvents.push({ event: 'tokenRenewal', data: { outcome }, at: Date.now() }),
        )
      : undefined;
    await serially(async () => {
      engineWanted = true;
      await startEngine();
    });
    return null;
  },
  async create({ model, fields }: { model: string; fields: Fields }) {
    const created = plain(await DataStore.save(new models[model](fields)));
    madeHere.add(`${model}:${String(created['id'])}`);
    return created;
  },
  /** With `editedAt`, stamps each changed field's edit time where the model keeps them, as the app does. */
  async update({ model, id, fields, editedAt }: { model: string; id: Identifier; fields: Fields; editedAt?: string }) {
    const current = await DataStore.query(models[model], id);
    if (!current) throw new Error(`${model} ${id} not found locally`);
    const edit = (draft: Fields) => {
      Object.assign(draft, fields);
      if (editedAt && model === 'Job') draft['fieldEditedAt'] = stampEditTimes(plain(current), fields, editedAt);
    };
    return plain(await DataStore.save(models[model].copyOf(current, edit)));
  },
  /**
   * An edit form's save of `fields` over `record`, the copy the form was opened on, which the
   * device store may no longer hold (a sync deleted it meanwhile): DataStore then stores it as new.
   */
  async updateFrom({ model, record, fields }: { model: string; record: Fields; fields: Fields }) {
    const opened = (DataStore as unknown as DataStoreInternals).sync.modelInstanceCreator(models[model], record);
    return plain(await DataStore.save(models[model].copyOf(opened, (draft: Fields) => Object.assign(draft, fields))));
  },
  /** A user's delete; a job or a site notes what DataStore's cascade takes with it first, as the app's do. */
  async delete({ model, id }: { model: string; id: Identifier }) {
    const current = await DataStore.query(models[model], id);
    if (!current) throw new Error(`${model} ${id} not found locally`);
    if (typeof id === 'string') await noteWhatDeleteTakes(model, id);
    return plain(await DataStore.delete(current));
  },
  /** The review entry's restore of what a refused delete took, as the app's RecordRepository.restoreTaken. */
  async restoreTaken({ parent, children: taken }: { parent: RestoreCreate; children: readonly TakenChild[] }) {
    const newIds = await restoredIds(taken.map((child) => child.id));
    const held = new Set<string>();
    for (const { model, id } of [parent, ...taken]) if (await DataStore.query(models[model], id)) held.add(id);
    const made = [];
    for (const { model, id, fields } of restoreCreates(parent, taken, newIds, held)) {
      const record = (models[model] as { fromJSON(json: Fields): unknown }).fromJSON({
        ...ownFields(model, fields),
        id,
      });
      made.push(plain(await DataStore.save(record as never)));
    }
    return made;
  },
  /**
   * A local save or delete with another device's version of the record arriving while it is being
   * written: the incoming merge waits for the storage lock the write holds, and is next in line when
   * the write lets go, ahead of the write's own outbox entry.
   */
  async writeAsRemoteVersionArrives({ model, id, operation, fields, remote, via = 'merge' }: RaceArgs) {
    const current = await DataStore.query(models[model], id);
    if (!current) throw new Error(`${model} ${id} not found locally`);
    const { storage, sync } = DataStore as unknown as DataStoreInternals;
    const incoming = sync.modelInstanceCreator(models[model], {
      ...plain(current),
      ...remote,
      _version: Number(current['_version']) + 1,
      _lastChangedAt: Date.now(),
      _deleted: null,
    });
    const adapter = storage.storage.adapter;
    const write = adapter[operation === 'delete' ? 'delete' : 'save'];
    let merged: Promise<unknown> = Promise.resolve();
    adapter[operation === 'delete' ? 'delete' : 'save'] = function (this: unknown, ...args: unknown[]) {
      // Only this write of this record: an earlier write's answer or outbox entry may be stored first.
      const [written] = args;
      if (!(written instanceof models[model]) || (written as Fields)['id'] !== id) return write.apply(this, args);
      adapter[operation === 'delete' ? 'delete' : 'save'] = write;
      const definition = sync.getModelDefinition(models[model]);
      merged = storage.runExclusive(async (s) => {
        // A sync page is split as the sync engine splits it (sync/index, syncQueriesProcessor's
        // subscriber): records the outbox holds are merged one by one, the rest written as a batch.
        if (via === 'merge' || (await sync.outbox.getModelIds(s)).has(id)) {
          return sync.modelMerger.merge(s, incoming, definition);
        }
        return sync.modelMerger.mergePage(s, models[model], [incoming], definition);
      });
      return write.apply(this, args);
    };
    await (operation === 'delete'
      ? DataStore.delete(current)
      : DataStore.save(models[model].copyOf(current, (draft: Fields) => Object.assign(draft, fields))));
    await merged;
    const after = await DataStore.query(models[model], id);
    return after ? plain(after) : null;
  },
  async query({ model }: { model: string }) {
    return (await DataStore.query(models[model])).map(plain);
  },
  async signIn({ username, password }: { username: string; password: string }) {
    return (await amplifyAuth.signIn({ username, password })).nextStep.signInStep;
  },
  /** Forgets the tokens here, as Amplify does when the server refuses a refresh. */
  async signOut() {
    await amplifyAuth.signOut();
    return null;
  },
  async tokenRequests() {
    return tokenRequests;
  },
  /**
   * The state a phone whose clock ran `ms` fast when the person signed in, and has been set right
   * since, keeps: Amplify measured that offset at the sign-in (its clock drift) and still applies it,
   * so it believes the access token valid for `ms` longer than the server does.
   */
  async clockWasAheadAtSignIn({ ms }: { ms: number }) {
    const store = cognitoUserPoolsTokenProvider.authTokenStore;
    const tokens = await store.loadTokens();
    if (!tokens) throw new Error('nobody is signed in');
    await store.storeTokens({ ...tokens, clockDrift: (tokens.clockDrift ?? 0) - ms });
    return null;
  },
  /** When the access token Amplify holds expires (ms since the epoch, as its `exp` says). */
  async accessTokenExpiry() {
    const tokens = await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens();
    if (!tokens) throw new Error('nobody is signed in');
    return (tokens.accessToken.payload.exp ?? 0) * 1000;
  },
  /** A refresh whether or not Amplify believes the tokens expired, as the app asks after a refusal. */
  async forceRefresh() {
    const session = await amplifyAuth.fetchAuthSession({ forceRefresh: true });
    return session.tokens?.accessToken.toString() !== undefined;
  },
  /** The person's crews changed: the sync engine stops, the device enters the new scope, and it starts again. */
  async rescope({ scope }: { scope: SyncScope }) {
    await serially(async () => {
      await stopEngine();
      await enterScope(scope);
      await startEngine();
    });
    return null;
  },
  /**
   * The office moves a record (a site with everything on it) to crew `crewID` as its site form
   * does (shared/data/crew-move.ts): the records re-scoped, then a handover in the old crew's scope.
   * A job moves as the job form's save does, with `changes` (its new site) in the same step.
   */
  async moveToCrew({
    model,
    id,
    crewID,
    changes,
  }: {
    model: 'Site' | 'Job';
    id: string;
    crewID: string;
    changes?: Fields;
  }) {
    // Loaded when first used: it brings the app's models, whose schema would take the place of a
    // test's own (`modelsModule`) were it loaded with this file.
    const { moveToCrew } = await import('../../src/app/domains/shared/data/crew-move.ts');
    await moveToCrew(model, id, scopeOf(crewID), new Date(), { changes });
    return null;
  },
  /** The next sync of every model is a full one, as when `fullSyncInterval` has passed. */
  async fullSyncNext() {
    const db = await openDataStoreDatabase();
    if (db) await forgetLastSyncs(db).finally(() => db.close());
    return null;
  },
  /** Records the ghost sweep removed, with their last fields. */
  async ghosts() {
    return plain(ghosts);
  },
  /** Settles once the sweeps the syncs so far asked for are done. */
  async ghostSweepsDone() {
    await sweeping;
    return null;
  },
  /**
   * The `page`th request of the sync query `field` (`syncJobs`) from now on goes only once the
   * access token it carries has expired by the server's clock, which then refuses it.
   */
  async expireTokenBeforeSyncPage({ field, page }: { field: string; page: number }) {
    expiringPage = { field, page, requests: 0 };
    return null;
  },
  /** How the server answered that page's request: null until it has. */
  async expiredSyncPage() {
    return expiringPage?.answer ?? null;
  },
  /** Records the device's scope evicted, with their last fields. */
  /** Runs the handover check once more, after any under way: what it evicts is in `evictions` when this answers. */
  async handoversHandled() {
    await scopeEviction?.evictHandedOver();
    return null;
  },
  async evictions() {
    return plain(evictions);
  },
  /** The sync engine stopped and started again, as the app does after a sign-in. */
  async restartSync() {
    await serially(async () => {
      await stopEngine();
      await startEngine();
    });
    return null;
  },
  async stop() {
    await serially(async () => {
      engineWanted = false;
      await stopEngine();
    });
    return null;
  },
  /** The class of the storage adapter DataStore runs on. */
  async adapterName() {
    return (DataStore as unknown as { storageAdapter?: object }).storageAdapter?.constructor.name ?? null;
  },
  /**
   * The next page of `model` the running sync engine fetches with records in it is handed on only
   * once the engine is stopping (a page still on its way when the person's crews change), and
   * merged only once the engine waits for that merge to stop, or once the device has entered a new
   * scope (which is when an engine that does not wait would merge it).
   */
  async holdSyncPage({ model }: { model: string }) {
    const engine = (DataStore as unknown as { sync: SyncEngineProcesses }).sync;
    const { syncQueriesProcessor: processor, modelMerger: merger } = engine;
    const hold: PageHold = { fetched: gate(), merged: gate() };
    pageHold = hold;
    const entered = scopesEntered;
    const retrievePage = processor.retrievePage;
    processor.retrievePage = async function (this: unknown, definition: { name: string }, ...rest: unknown[]) {
      const page = await retrievePage.call(this, definition, ...rest);
      if (definition.name !== model || page.items.length === 0) return page;
      processor.retrievePage = retrievePage;
      hold.fetched.open();
      await until(() => processor.runningProcesses.isClosing);
      return page;
    };
    const mergePage = merger.mergePage;
    merger.mergePage = async function (this: unknown, storage, constructor, items, definition) {
      if ((definition as { name: string }).name !== model || items.length === 0)
        return mergePage.call(this, storage, constructor, items, definition);
      merger.mergePage = mergePage;
      const waited = engine.runningProcesses;
      await until(() => scopesEntered > entered || (waited.isClosing && waited.pending.includes('sync page merge')));
      const merged = await mergePage.call(this, storage, constructor, items, definition);
      hold.merged.open();
      return merged;
    };
    return null;
  },
  /** Settles once the page `holdSyncPage` holds has come back from the server. */
  async syncPageFetched() {
    await pageHold?.fetched.opened;
    return null;
  },
  /** Settles once the page `holdSyncPage` holds has been merged. */
  async syncPageMerged() {
    await pageHold?.merged.opened;
    return null;
  },
  async hold() {
    sends ??= gate();
    return null;
  },
  /**
   * Settles once a mutation is held at the gate `hold` set: DataStore has taken it off the outbox's
   * head. Answers with its field (as `updateSite`).
   */
  async heldSend() {
    await sends?.arrived;
    return heldField;
  },
  async release() {
    sends?.open();
    sends = undefined;
    return null;
  },
  /** Makes a failed mutation's next attempt wait (see HELD_RETRY_MS) until `releaseRetries`. */
  async holdRetries() {
    holdingRetries = true;
    return null;
  },
  async releaseRetries() {
    holdingRetries = false;
    return null;
  },
  /** Retries that went to sleep while held. */
  async retrySleeps() {
    return retrySleeps;
  },
  async holdAnswers() {
    answers ??= gate();
    return null;
  },
  /** Settles once an answer is held at the gate `holdAnswers` set: the server has answered a mutation. */
  async heldAnswer() {
    await answers?.arrived;
    return null;
  },
  async releaseAnswers() {
    answers?.open();
    answers = undefined;
    return null;
  },
  /** Notes every version the sync engine hands its merger from now on (pushed, synced or answered). */
  async recordMerges() {
    const { modelMerger } = (DataStore as unknown as DataStoreInternals).sync;
    const merge = modelMerger.merge;
    modelMerger.merge = function (this: unknown, storage, model, definition) {
      const { id, _version, _deleted } = model as Fields;
      merges.push({ id, _version, _deleted: _deleted ?? null });
      return merge.call(this, storage, model, definition);
    };
    return null;
  },
  async merges() {
    return merges;
  },
  /**
   * A write (an edit with `fields`, else a delete) of a record read while the answer to the device's
   * previous write of it is held, ordered against that answer by gates, not by time:
   * - `queued`: the write is in the outbox before the answer is let through;
   * - `stored`: the write is stored before the answer is let through, and reaches the outbox only
   *   once the sync engine has dequeued and merged the answer;
   * - `read`: the write is stored only once the answer is merged, from the record read before it.
   */
  async writeAsAnswersArrive({
    model,
    id,
    fields,
    order,
  }: {
    model: string;
    id: string;
    fields?: Fields;
    order: WriteOrder;
  }) {
    const current = await DataStore.query(models[model], id);
    if (!current) throw new Error(`${model} ${id} not found locally`);
    const outbox = (DataStore as unknown as DataStoreInternals).sync.outbox;
    const enqueue = outbox.enqueue;
    const queueing = gate();
    let queued: Promise<void> = Promise.resolve();
    outbox.enqueue = function (this: unknown, storage, mutationEvent) {
      if (mutationEvent.modelId !== id) return enqueue.call(this, storage, mutationEvent);
      outbox.enqueue = enqueue;
      queued = queueing.hold().then(() => enqueue.call(this, storage, mutationEvent));
      return queued;
    };
    if (order !== 'stored') queueing.open();
    const letAnswersThrough = () => {
      const merged = answerMerged(id);
      answers?.open();
      answers = undefined;
      return merged;
    };
    const write = () =>
      fields
        ? DataStore.save(models[model].copyOf(current, (draft: Fields) => Object.assign(draft, fields)))
        : DataStore.delete(current);
    if (order === 'read') {
      await letAnswersThrough();
      return plain(await write());
    }
    const written = await write();
    await queueing.arrived;
    if (order === 'queued') await queued;
    await letAnswersThrough();
    queueing.open();
    await queued;
    return plain(written);
  },
  /**
   * A delete of record `id`, stored now, whose outbox entry asks for the storage lock right behind
   * the mutation processor's next read of the outbox's head after it drops a change it was sending
   * (refused: nothing to merge), as a delete made while a sync page holds the lock meets it. The
   * processor then sends the entry that read finds: the record's create, when it is next.
   */
  async deleteBehindNextHeadRead({ model, id }: { model: string; id: string }) {
    const current = await DataStore.query(models[model], id);
    if (!current) throw new Error(`${model} ${id} not found locally`);
    const { outbox } = (DataStore as unknown as DataStoreInternals).sync;
    const { enqueue, dequeue, peek } = outbox;
    const held = gate();
    let queueDelete = (): void => undefined;
    outbox.enqueue = function (this: unknown, storage, mutationEvent) {
      if (mutationEvent.modelId !== id) return enqueue.call(this, storage, mutationEvent);
      outbox.enqueue = enqueue;
      void held.hold();
      return new Promise<void>((resolve, reject) => {
        queueDelete = () => void enqueue.call(this, storage, mutationEvent).then(resolve, reject);
      });
    };
    outbox.dequeue = async function (this: unknown, storage, record, operation) {
      const head = await dequeue.call(this, storage, record, operation);
      if (record !== undefined) return head;
      outbox.dequeue = dequeue;
      outbox.peek = function (this: unknown, lockedStorage) {
        outbox.peek = peek;
        // Both ask for the lock synchronously: the read first, the delete's entry next in line.
        const read = peek.call(this, lockedStorage);
        queueDelete();
        return read;
      };
      return head;
    };
    const deleted = plain(await DataStore.delete(current));
    await held.arrived;
    return deleted;
  },
  /**
   * Stops DataStore the moment its sync engine has taken the answer to a write of record `id` out
   * of the outbox, before it reports the answer: what a leader tab closing at that moment leaves
   * behind. DataStore.stop() drops the engine's reports before it stops the engine, so the dequeue
   * is held until that has happened (the engine's stop is called), then let go.
   */
  async stopAsAnswerDequeued({ id }: { id: string }) {
    const sync = (DataStore as unknown as DataStoreInternals).sync;
    const { outbox } = sync;
    const [dequeue, stopEngine] = [outbox.dequeue, sync.stop];
    const reportsDropped = gate();
    sync.stop = function (this: unknown) {
      reportsDropped.open();
      return stopEngine.call(this);
    };
    const dequeued = gate();
    outbox.dequeue = async function (this: unknown, storage, record, operation) {
      const result = await dequeue.call(this, storage, record, operation);
      if (record?.['id'] !== id) return result;
      outbox.dequeue = dequeue;
      void dequeued.hold();
      await reportsDropped.opened;
      return result;
    };
    stoppedAtAnswer = dequeued.arrived.then(() => DataStore.stop());
    return null;
  },
  async stoppedAtAnswer() {
    if (!stoppedAtAnswer) throw new Error('stopAsAnswerDequeued was not called');
    await withStuckReport('DataStore.stop', DataStore, 25_000, stoppedAtAnswer);
    stoppedAtAnswer = undefined;
    return null;
  },
  /** Opens `count` tabs over the started DataStore; tab 0 leads. */
  async openTabs({ count }: { count: number }) {
    tabs.open(count);
    return null;
  },
  /** A write the user makes in tab `slot`; resolves when that tab saw it saved. */
  async tabWrite({ slot, command, args }: { slot: number; command: string; args: Fields }) {
    return tabs.write(slot, command, args);
  },
  /** A tab's read of the device store (tabs read it directly, not through the leader). */
  async tabQuery({ model }: { model: string }) {
    return tabs.read(async () => (await DataStore.query(models[model])).map(plain));
  },
  /** The leader tab closes; the tab in `slot` takes the lead. */
  async handOver({ slot }: { slot: number }) {
    await tabs.handOver(slot);
    return null;
  },
  async tabCommands() {
    return { commands: plain(tabs.commands()), handOvers: tabs.handOvers };
  },
  async events() {
    return { hub: plain(hubEvents), conflicts, reviews: plain(await review.report()) };
  },
  /** From now on the device's handlers run and file nothing (a deliberately broken device). */
  async dropReviews() {
    review.dropFilings = true;
    return null;
  },
  /** From now on a delete of a job or a site notes nothing of what it takes (a deliberately broken device). */
  async forgetTaken() {
    forgettingTaken = true;
    return null;
  },
  /** From its next scope on, the device evicts in the broken way `kind` names (broken-eviction.ts). */
  async breakEviction({ kind }: { kind: EvictionBreak }) {
    if (!EVICTION_BREAKS.includes(kind)) throw new Error(`no such eviction break: ${String(kind)}`);
    evictionBreak = kind;
    if (!sweepsGhosts(kind)) ghostSweep = undefined;
    return null;
  },
  /** From now on a change sent with a token the server refuses is dropped (a deliberately broken device). */
  async dropRefusedChanges() {
    droppingRefusedChanges = true;
    return null;
  },
  /**
   * What the app's replaced check (sync/util/replaced-values.ts) tells the user of `fields` saved at
   * `at`, judged against the server's newest answer for the record; null before any answer.
   */
  async replacedEdits({ model, id, fields, at }: { model: string; id: string; fields: Fields; at: string }) {
    const answers = hubEvents.map(({ event, data }) => (event === 'outboxMutationProcessed' ? data : undefined));
    const answer = answers.findLast((data): data is { model: { name: string }; element: Fields } => {
      const found = data as { model?: { name?: string }; element?: Fields } | undefined;
      return found?.model?.name === model && found.element?.['id'] === id;
    });
    if (!answer) return null;
    const saved = Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, { value, at }]));
    const replaced = replacedValues({ model, recordId: id, fields: saved }, plain(answer.element));
    return { replaced, reason: describeReplaced(replaced, (iso) => iso) };
  },
  async orphans() {
    return orphans;
  },
  /** Wipes the local database and every record of this process, so one client serves many runs. */
  async clear() {
    // DataStore only knows its schema once started; before that there is nothing to clear.
    if (Object.keys(models).length > 0) await DataStore.clear();
    hubEvents.length = 0;
    conflicts.length = 0;
    orphans.length = 0;
    review.clear();
    forgettingTaken = false;
    localStorage.clear();
    sent = [];
    tabs.clear();
    return null;
  },
  async sent() {
    return sent;
  },
  async failedSends() {
    return failedSends;
  },
  /** getAll calls per index name since the process started. */
  async indexReads() {
    return { ...indexReads };
  },
  /** The device database's version and the outbox store's indexes (name → key path). */
  async storeLayout() {
    const db = await openDeviceDatabase();
    try {
      const indexesOf = (storeName: string) => {
        const store = db.transaction(storeName).objectStore(storeName);
        return Object.fromEntries(Array.from(store.indexNames, (name) => [name, store.index(name).keyPath]));
      };
      return { version: db.version, outboxIndexes: indexesOf('sync_MutationEvent'), jobIndexes: indexesOf('user_Job') };
    } finally {
      db.close();
    }
  },
  /**
   * Changes still to send: mutations queued in the outbox, read from IndexedDB itself, and handovers
   * waiting for their move's answer (the app writes them then).
   */
  async outbox() {
    return (await outboxEntries()).length + handoverNotes().length;
  },
  /** Handovers of this device's moves still waiting for the move's answer. */
  async handoverNotes() {
    return handoverNotes();
  },
};

/**
 * A user's reads and writes wait for a start or stop of the sync engine under way, as the app's
 * device writes wait for its restart: DataStore refuses them while it is stopping.
 */
const USER_COMMANDS = new Set(['create', 'update', 'delete', 'query', 'moveToCrew']);

process.on('message', (message: { id: number; command: string; args: unknown }) => {
  const command = commands[message.command];
  const run = !command
    ? Promise.reject(new Error(`unknown command ${message.command}`))
    : USER_COMMANDS.has(message.command)
      ? serially(() => command(message.args as never))
      : command(message.args as never);
  run.then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: String((error as Error)?.stack ?? error) }),
  );
});
process.send?.({ ready: true });
