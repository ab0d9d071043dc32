import { takeDeletedWith } from '../../shared/data/deleted-with';
import { hasSentEdit, sentEdits, takeSentEdit } from '../../shared/data/sent-edits';
import { type ReviewPorts } from '../util/review-ports';
import { type ReviewRepository } from './review-repository';
import { type SyncStorageReader } from './sync-storage-reader';

/** The review cores' view of this device: the outbox in IndexedDB, sent edits, deletes' children and the review list in localStorage. */
export function deviceReviewPorts(reviews: ReviewRepository, reader: SyncStorageReader): ReviewPorts {
  return {
    outboxEntries: () => reader.outboxEntries(),
    hasSentEdit,
    sentEdits,
    takeSentEdit,
    takeDeletedWith,
    filed: () => reviews.all(),
    record: (entry) => reviews.record(entry),
  };
}
