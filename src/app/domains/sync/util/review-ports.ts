import { type DeletedWith } from '../../shared/util/deleted-with';
import { type SentEdit } from '../../shared/util/sent-edit';
import { type ChangeToReview } from './change-to-review';
import { type OutboxEntry } from './outbox-entry';

/**
 * What the review cores (handler-review.ts, answer-review.ts) read and write on a device: the app
 * gives them localStorage and IndexedDB, a test client its own memory and store.
 */
export interface ReviewPorts {
  /** Every queued mutation, oldest first. */
  outboxEntries(): Promise<readonly OutboxEntry[]>;
  hasSentEdit(model: string, recordId: string): boolean;
  /** Every record's sent edit still waiting for the server's answer. */
  sentEdits(): readonly SentEdit[];
  takeSentEdit(model: string, recordId: string): SentEdit | undefined;
  /** Removes and returns what the device's delete of a job or a site took with it (deleted-with.ts). */
  takeDeletedWith(model: string, recordId: string): DeletedWith | undefined;
  /** The review list as it stands. */
  filed(): readonly ChangeToReview[];
  /** Files an entry for the user to review (the list folds it as it does, review-list.ts). */
  record(entry: ChangeToReview): void;
}
