import { type ChangeLogRepository } from '../../history/api';
import { type RecordRepository } from '../data/record-repository';
import { type ChangeContext } from '../util/change-context';
import { type ChangeRecord } from '../util/change-record';

/** Fields that hold another record's id, and the model and field that name that record. */
const REFERENCES: Readonly<Record<string, readonly [model: string, nameField: string]>> = {
  siteID: ['Site', 'name'],
  jobID: ['Job', 'title'],
};

export async function loadChangeContext(
  change: ChangeRecord,
  records: RecordRepository,
  history: ChangeLogRepository,
): Promise<ChangeContext> {
  const names: Record<string, string> = {};
  for (const [field, [model, nameField]] of Object.entries(REFERENCES)) {
    for (const id of new Set([change.mine[field], change.theirs?.[field]])) {
      if (typeof id !== 'string') continue;
      const name = (await records.current(model, id))?.[nameField];
      if (typeof name === 'string' && name) names[id] = name;
    }
  }
  const theirs = change.theirs;
  const changedBy = theirs
    ? await history.newestChangeSetting(change.recordId, (field, value) =>
        Object.prototype.hasOwnProperty.call(change.mine, field) ? sameJson(theirs[field], value) : false,
      )
    : null;
  return { names, changedBy };
}

function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}
