import { DataStore, type PersistentModel } from '@aws-amplify/datastore';

import { schema } from '../../../../models/schema';
import { changedFields } from '../util/changed-fields';
import { stampEditTimes } from '../util/edit-times';
import { logChange, type LoggedOperation } from './change-log';
import { serverNow } from './device-clock';
import { durably } from './durable-write';
import { ownFields } from './own-fields';
import { withParentScope } from './record-scope';
import { noteSentEdit } from './sent-edits';

const EDIT_TIMES_FIELD = 'fieldEditedAt';

type Draft = Record<string, unknown>;
/** A generated model class: its name is the model's, `copyOf` makes an edited copy. */
export interface EditableModel<T extends PersistentModel> {
  readonly name: string;
  copyOf(source: T, mutator: (draft: Draft) => void): T;
}

/**
 * Saves a user's edit of a record as it is stored now: only the fields that really differ are
 * written (a merge on the server treats each sent field as the user's), each stamped with when it
 * was edited where the model keeps edit times (the Job conflict handler lets the later edit win),
 * noted so the device can tell the user if the server kept another device's value instead, and
 * written to the record's history. A record moved to another parent (a job to another site) takes
 * that parent's crew scope in the same save.
 * Runs in the sync leader, like every write.
 */
export async function saveChanges<T extends PersistentModel>(
  model: EditableModel<T>,
  current: T,
  changes: Readonly<Draft>,
  at: Date = serverNow(),
  operation: LoggedOperation = 'update',
): Promise<void> {
  const scoped = await withParentScope(model.name, current as Draft, changes);
  const changed = Object.fromEntries(
    Object.entries(changedFields(current as Draft, scoped)).filter(([field]) => field !== EDIT_TIMES_FIELD),
  );
  if (Object.keys(changed).length === 0) return;
  const iso = at.toISOString();
  await durably(() =>
    DataStore.save(
      model.copyOf(current, (draft) => {
        Object.assign(draft, changed);
        if (keepsEditTimes(model.name)) draft[EDIT_TIMES_FIELD] = stampEditTimes(current as Draft, changed, iso);
      }),
    ),
  );
  const recordId = (current as unknown as { id: string }).id;
  const previous = Object.fromEntries(Object.keys(changed).map((field) => [field, (current as Draft)[field] ?? null]));
  noteSentEdit(model.name, recordId, changed, iso, previous, {
    ...ownFields(model.name, current as Draft),
    ...changed,
  });
  await logChange({ model: model.name, recordId, operation, fields: changed, previous, savedAt: at });
}

function keepsEditTimes(modelName: string): boolean {
  return Boolean(schema.models[modelName]?.fields[EDIT_TIMES_FIELD]);
}
