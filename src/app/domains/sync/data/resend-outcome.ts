import { type ChangeToReview } from '../util/change-to-review';
import { modelLabel } from '../util/describe-sync-error';
import { type ResendOutcome } from './mutation-resender';
import { type ReviewRepository } from './review-repository';

/**
 * Records what became of a change sent again: gone from the list once the server has it, turned
 * into a conflict to review when the server holds a newer version, kept with the reason otherwise.
 * Returns what to tell the user.
 */
export function settleResend(conflicts: ReviewRepository, change: ChangeToReview, outcome: ResendOutcome): string {
  if (outcome.status === 'sent') {
    conflicts.resolve(change.id);
    return `Your ${modelLabel(change.model)} change reached the server.`;
  }
  if (outcome.status === 'conflict') {
    conflicts.replace({
      ...change,
      kind: 'conflict',
      theirs: outcome.theirs,
      reason: 'The server has a newer version. Compare and choose.',
    });
    return 'The server has a newer version: compare and choose below.';
  }
  conflicts.replace({ ...change, reason: outcome.reason });
  throw new Error(outcome.reason);
}
