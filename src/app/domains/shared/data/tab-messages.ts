/**
 * The messages the tabs of one browser profile exchange over the tab channel (TabChannel), and
 * the rules of the write protocol that are plain data. Free of Angular, so the shared-store test
 * client (server/test/tab-writes.ts) speaks exactly this protocol rather than a copy of it.
 */

/** One record changed in the device store: enough for a live list to re-read it. */
export interface RecordChange {
  readonly model: string;
  readonly id: string;
  /** Removed from this device only, having left its scope: not a deletion (nothing of it is deleted elsewhere). */
  readonly kind?: 'evicted';
}

/**
 * What the tabs of one browser profile tell each other about their one device store. The sync
 * leader (see SyncLeadership) runs the sync engine; the other tabs read the store directly and
 * send their writes to the leader.
 */
export type TabMessage =
  /** The leader's sync engine is running on a store of this models version. */
  | { readonly type: 'leader-ready'; readonly from: string; readonly modelsVersion: string }
  /** A tab that just started asks the leader to announce itself and its sync status. */
  | { readonly type: 'who-leads'; readonly from: string }
  | {
      readonly type: 'write';
      readonly from: string;
      readonly requestId: string;
      readonly command: string;
      readonly args: unknown;
    }
  | {
      readonly type: 'write-result';
      readonly to: string;
      readonly requestId: string;
      readonly value?: unknown;
      readonly error?: { readonly name: string; readonly message: string };
    }
  | { readonly type: 'changed'; readonly changes: readonly RecordChange[] }
  | { readonly type: 'sync-status'; readonly status: unknown }
  /** A tab started with other data models: tabs on any other version must let go of the store. */
  | { readonly type: 'models-changed'; readonly from: string; readonly modelsVersion: string }
  /** Every tab reloads (after the device's data was cleared). */
  | { readonly type: 'reload'; readonly from: string }
  /** Without Web Locks: the sender is now the only active tab. */
  | { readonly type: 'takeover'; readonly from: string };

export type TabMessageOf<K extends TabMessage['type']> = Extract<TabMessage, { type: K }>;

/** How many answered requests a leader remembers, so a request resent to it runs once. */
export const ANSWERED_MEMORY = 500;
