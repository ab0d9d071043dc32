import { type ChangeLogRepository } from '../../history/api';
import { sameValue } from '../../shared/util/changed-fields';
import { type RecordRepository } from '../data/record-repository';
import { type ChangeContext } from '../util/change-context';
import { type ChangeToReview, recordLabel } from '../util/change-to-review';

/** Fields that hold another record's id, and that record's model. */
const REFERENCES: Readonly<Record<string, string>> = { siteID: 'Site', jobID: 'Job' };

export async function loadChangeContext(
  change: ChangeToReview,
  records: RecordRepository,
  history: ChangeLogRepository,
): Promise<ChangeContext> {
  const names: Record<string, string> = {};
  for (const [field, model] of Object.entries(REFERENCES)) {
    for (const id of new Set([change.mine[field], change.theirs?.[field]])) {
      if (typeof id !== 'string') continue;
      const current = await records.current(model, id);
      const name = current && recordLabel(current);
      if (name) names[id] = name;
    }
  }
  const theirs = change.theirs;
  const changedBy = theirs
    ? await history.newestChangeSetting(change.recordId, (field, value) =>
        Object.prototype.hasOwnProperty.call(change.mine, field) ? sameValue(theirs[field], value) : false,
      )
    : null;
  return { names, changedBy };
}
