export { ChangeLogRepository } from '../data/change-log-repository';
export { RecordHistory } from '../ui/record-history';
export { type FieldChange, type HistoryEntry } from '../util/history-entry';
export { type UnsettledChanges } from '../util/unsettled';
