import { HISTORY_MODEL, type QueuedCounts } from './outbox-entry';
import { type SyncEvent, type SyncProblem } from './sync-event';

export interface SyncStatusState {
  readonly online: boolean;
  /** Subscriptions, sync queries or the outbox are running. */
  readonly syncing: boolean;
  /** Changes saved on this device and not yet acknowledged by the server (from the outbox). */
  readonly pending: number;
  /**
   * `pending` was counted after the outbox's last event. Between an event and the recount that
   * follows it the count may be old, so nothing may be called synced.
   */
  readonly outboxCounted: boolean;
  /** The sync engine has finished its sync queries since it last started or came online. */
  readonly syncQueriesDone: boolean;
  /** Model name → when it last finished syncing. */
  readonly lastSynced: Readonly<Record<string, number>>;
  /** Last time the server acknowledged anything: a model sync or a sent change. */
  readonly lastSuccessAt: number | null;
  /** Last sign of life from the sync engine; a long silence while syncing means the server is unreachable. */
  readonly lastProgressAt: number | null;
  /** The real-time connection to the server could not be made though the network is up. */
  readonly serverUnreachable: boolean;
  /** Newest first, a handful at most. */
  readonly problems: readonly SyncProblem[];
}

export const MAX_PROBLEMS = 5;

/** How long after the server last answered a failed real-time connection is not taken as "unreachable". */
export const RECENT_SUCCESS_MS = 15_000;

export const initialSyncStatus: SyncStatusState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  pending: 0,
  outboxCounted: false,
  syncQueriesDone: false,
  lastSynced: {},
  lastSuccessAt: null,
  lastProgressAt: null,
  serverUnreachable: false,
  problems: [],
};

/** How one sync event changes the status; the pending count is re-read from the outbox separately. */
export function reduceSyncEvent(state: SyncStatusState, event: SyncEvent): Partial<SyncStatusState> {
  const outbox: Partial<SyncStatusState> = changesOutbox(event) ? { outboxCounted: false } : {};
  return { ...outbox, ...reduceEvent(state, event) };
}

function reduceEvent(state: SyncStatusState, event: SyncEvent): Partial<SyncStatusState> {
  switch (event.type) {
    case 'network':
      // Coming online the engine runs its sync queries again; going offline it stops them.
      return { online: event.online, syncing: event.online, syncQueriesDone: false, lastProgressAt: Date.now() };
    case 'enqueued':
      // Queued is pending at once: the recount that gives the exact number comes a moment later.
      return {
        syncing: state.online,
        pending: event.model === HISTORY_MODEL ? state.pending : Math.max(state.pending, 1),
      };
    case 'serverReachable':
      // A socket attempt begun while the server was down can fail just after the server answered
      // again; the answer is the better evidence.
      if (!event.reachable && Date.now() - (state.lastSuccessAt ?? 0) < RECENT_SUCCESS_MS) return {};
      return { serverUnreachable: !event.reachable };
    case 'subscriptionsEstablished':
      return { online: true, syncing: true, lastProgressAt: Date.now(), serverUnreachable: false };
    case 'syncStarted':
      return { online: true, syncing: true, syncQueriesDone: false, lastProgressAt: Date.now() };
    case 'modelSynced':
      return {
        lastSynced: { ...state.lastSynced, [event.model]: event.at },
        lastSuccessAt: event.at,
        lastProgressAt: event.at,
        serverUnreachable: false,
      };
    case 'syncReady':
      return { syncing: state.pending > 0 || !state.outboxCounted, syncQueriesDone: true, lastProgressAt: Date.now() };
    case 'processed':
      return { lastSuccessAt: event.at, lastProgressAt: event.at, serverUnreachable: false };
    case 'outboxStatus':
      return event.isEmpty ? { syncing: false } : {};
    case 'problem':
      return { problems: [event.problem, ...state.problems].slice(0, MAX_PROBLEMS) };
    default:
      return {};
  }
}

/**
 * A recount of the outbox: `counted` when no outbox event came since it began. Once the engine is
 * done with its queries, an outbox counted empty (history entries too) is the end of syncing; an
 * entry still queued keeps an online device syncing, even one the user does not count.
 */
export function applyOutboxCount(
  state: SyncStatusState,
  queued: QueuedCounts,
  counted: boolean,
): Partial<SyncStatusState> {
  const done = counted && queued.entries === 0 && state.syncQueriesDone;
  const syncing = done ? false : state.syncing || (queued.entries > 0 && state.online);
  return { pending: queued.changes, outboxCounted: counted, syncing };
}

/** Whether everything the device holds is known to be on the server, as far as the engine can tell. */
export function outboxSettled(state: Pick<SyncStatusState, 'outboxCounted' | 'syncQueriesDone'>): boolean {
  return state.outboxCounted && state.syncQueriesDone;
}

/** Events after which the outbox may hold a different number of entries. */
export function changesOutbox(event: SyncEvent): boolean {
  return ['enqueued', 'processed', 'outboxStatus', 'problem', 'syncReady'].includes(event.type);
}

/**
 * The newest problem, unless the server has accepted something since. A kept change stays
 * visible through the Conflicts count, so the bar does not repeat it once sync works again.
 */
export function currentProblem(state: Pick<SyncStatusState, 'problems' | 'lastSuccessAt'>): SyncProblem | null {
  const [latest] = state.problems;
  if (!latest) return null;
  return latest.at > (state.lastSuccessAt ?? 0) ? latest : null;
}
