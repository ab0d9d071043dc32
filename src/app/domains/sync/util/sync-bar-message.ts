import { relativeTime } from '../../shared/util/relative-time';

export interface SyncBarFacts {
  readonly online: boolean;
  readonly syncing: boolean;
  readonly pending: number;
  /**
   * The sync engine has reported since it started and `pending` was counted after the outbox's
   * last event: without both, "All changes synced" could be said with a change still queued.
   */
  readonly settled: boolean;
  readonly lastSyncedAt: number | null;
  readonly problem: string | null;
  /** Changes waiting in the Conflicts view. */
  readonly toReview: number;
  /** Last sign of life from the sync engine. */
  readonly lastProgressAt: number | null;
  /** The real-time connection to the server failed while the network is up. */
  readonly serverUnreachable?: boolean;
  /** What else waits to reach the server, in words (photos' bytes are not DataStore changes). */
  readonly alsoWaiting?: string;
  readonly now: number;
}

/**
 * DataStore retries an unreachable server silently (no event, no error) while the browser says it
 * is online. The real-time socket usually says so within seconds (`serverUnreachable`); failing
 * that, after this long without any sync progress "Syncing…" would be a false promise.
 */
export const SYNC_STALL_MS = 60_000;

export type SyncTone = 'offline' | 'syncing' | 'ok' | 'error';

export interface SyncBarMessage {
  readonly tone: SyncTone;
  readonly text: string;
}

export function changesOnDevice(pending: number): string {
  return pending === 1 ? '1 change saved on this device' : `${pending} changes saved on this device`;
}

/**
 * One line for the status bar, with what else waits after it. Nothing is "all synced" while
 * something still waits to upload: then the bar names only what waits.
 */
export function syncBarMessage(facts: SyncBarFacts): SyncBarMessage {
  const message = changesMessage(facts);
  if (!facts.alsoWaiting) return message;
  if (message.tone === 'ok') return { tone: 'syncing', text: facts.alsoWaiting };
  return { tone: message.tone, text: `${message.text} · ${facts.alsoWaiting}` };
}

/** The changes' part of the line; the order says what matters most to someone in the field. */
function changesMessage(facts: SyncBarFacts): SyncBarMessage {
  if (!facts.online) {
    // A device that never synced (new, or cleared) holds nothing of the crew's: not "everything".
    const kept =
      facts.lastSyncedAt === null ? 'nothing synced to this device yet' : 'everything is saved on this device';
    return { tone: 'offline', text: `Offline · ${facts.pending > 0 ? changesOnDevice(facts.pending) : kept}` };
  }
  if (facts.problem) return { tone: 'error', text: facts.problem };
  const stalled = facts.lastProgressAt !== null && facts.now - facts.lastProgressAt > SYNC_STALL_MS;
  const working = facts.syncing || facts.pending > 0 || !facts.settled;
  if (working && (facts.serverUnreachable || stalled)) {
    const kept = facts.pending > 0 ? changesOnDevice(facts.pending) : 'everything is saved on this device';
    return { tone: 'offline', text: `Cannot reach the sync server yet · ${kept}` };
  }
  if (working) {
    return { tone: 'syncing', text: facts.pending > 0 ? `Syncing… · ${facts.pending} to send` : 'Syncing…' };
  }
  if (facts.toReview > 0) {
    const changes = facts.toReview === 1 ? '1 change needs' : `${facts.toReview} changes need`;
    return { tone: 'error', text: `${changes} your review under Conflicts` };
  }
  if (facts.lastSyncedAt === null)
    return { tone: 'syncing', text: 'Not synced yet · changes are saved on this device' };
  return { tone: 'ok', text: `All changes synced · ${relativeTime(facts.lastSyncedAt, facts.now)}` };
}
