export { clearLocalData } from '../data/datastore-setup';
export { MutationResender } from '../data/mutation-resender';
export { RecordRepository } from '../data/record-repository';
export { ReviewRepository } from '../data/review-repository';
export { RELOAD_TAB, SyncEngineHost } from '../data/sync-engine-host';
export { SyncStatusStore } from '../data/sync-status-store';
export { type OutboxEntry, SyncStorageReader } from '../data/sync-storage-reader';
export { UnsettledRecordChanges } from '../data/unsettled-record-changes';
export { SyncBar } from '../ui/sync-bar';
