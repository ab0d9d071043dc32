import type { StoredRecord } from './stored-record.ts';

/** A committed write, published to subscribers in commit order. */
export interface ChangeEvent {
  model: string;
  /** The mutation field that made the change (`createSite`...), which selects the subscription. */
  mutation: string;
  record: StoredRecord;
}
