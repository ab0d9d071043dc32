/** What the sync engine reports, in the app's own terms (model names, not constructors). */
export type SyncEvent =
  | { readonly type: 'network'; readonly online: boolean }
  | { readonly type: 'outboxStatus'; readonly isEmpty: boolean }
  | { readonly type: 'enqueued'; readonly model: string; readonly id: string }
  | { readonly type: 'processed'; readonly model: string; readonly id: string; readonly at: number }
  | { readonly type: 'subscriptionsEstablished' }
  | { readonly type: 'syncStarted'; readonly models: readonly string[] }
  | {
      readonly type: 'modelSynced';
      readonly model: string;
      readonly at: number;
      readonly isFullSync: boolean;
      readonly counts: SyncCounts;
    }
  | { readonly type: 'syncReady' }
  | { readonly type: 'ready' }
  /** The real-time connection to the sync server came up, or could not be made while the network is up. */
  | { readonly type: 'serverReachable'; readonly reachable: boolean }
  | { readonly type: 'problem'; readonly problem: SyncProblem };

export interface SyncCounts {
  readonly new: number;
  readonly updated: number;
  readonly deleted: number;
}

/** A sync failure, already put into words a technician understands. */
export interface SyncProblem {
  readonly message: string;
  readonly at: number;
  /** The server refused or lost a change; the user's values are kept as a review entry. */
  readonly changeKept: boolean;
}
