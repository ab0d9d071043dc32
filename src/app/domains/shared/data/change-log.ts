import { DataStore, type PersistentModel, type PersistentModelConstructor } from '@aws-amplify/datastore';

import { ChangeLogEntry, Job, Site } from '../../../../models';
import { serverNow } from './device-clock';
import { crewMemberName, deviceLabel } from './device-identity';
import { durably } from './durable-write';
import { ownFields } from './own-fields';
import { scopeIn } from './record-scope';

/** The records whose history people look at; notes are their own history. */
const LOGGED_RECORDS: Readonly<Record<string, PersistentModelConstructor<never>>> = {
  Job: Job as never,
  Site: Site as never,
};
const LOGGED_MODELS = new Set(Object.keys(LOGGED_RECORDS));

export type LoggedOperation = 'create' | 'update' | 'delete' | 'restore';

export interface LoggedChange {
  readonly model: string;
  readonly recordId: string;
  readonly operation: LoggedOperation;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly previous?: Readonly<Record<string, unknown>>;
  readonly savedAt?: Date;
}

/**
 * Writes one entry of a record's history right after the change itself, as an ordinary synced
 * record: every device, and AppSync after `amplify push`, holds the same history without the
 * server keeping anything of its own. Runs in the sync leader, like the change. The entry has the
 * record's crew scope, so the crew that works the record reads its history and may write it.
 */
export async function logChange(change: LoggedChange): Promise<void> {
  if (!LOGGED_MODELS.has(change.model)) return;
  const scope = await scopeOfRecord(change);
  await durably(() =>
    DataStore.save(
      new ChangeLogEntry({
        ...scope,
        recordModel: change.model,
        recordID: change.recordId,
        operation: change.operation,
        fields: JSON.stringify(shownFields(change.model, change.fields)),
        previous: change.previous ? JSON.stringify(shownFields(change.model, change.previous)) : null,
        savedAt: (change.savedAt ?? serverNow()).toISOString(),
        author: crewMemberName() || null,
        device: deviceLabel(),
      }),
    ),
  );
}

/**
 * The fields a history shows and can put back: the scope is the entry's own (above), and a crew is
 * never restored field by field, since its id and its group go together.
 */
function shownFields(model: string, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shown = ownFields(model, fields);
  delete shown['crewID'];
  delete shown['crewGroup'];
  return shown;
}

/** The changed record's scope: as the change set it, else as stored now (a delete's fields are its last values). */
async function scopeOfRecord(change: LoggedChange) {
  if ('crewID' in change.fields) return scopeIn(change.fields);
  const model = LOGGED_RECORDS[change.model];
  const stored = model && ((await DataStore.query(model, change.recordId as never)) as PersistentModel | undefined);
  return scopeIn(stored ? (stored as Record<string, unknown>) : {});
}
