import { DataStore } from '@aws-amplify/datastore';

import { ChangeLogEntry } from '../../../../models';
import { serverNow } from './device-clock';
import { crewMemberName, deviceLabel } from './device-identity';
import { durably } from './durable-write';
import { ownFields } from './own-fields';

/** The records whose history people look at; notes are their own history. */
const LOGGED_MODELS = new Set(['Job', 'Site']);

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
 * server keeping anything of its own. Runs in the sync leader, like the change.
 */
export async function logChange(change: LoggedChange): Promise<void> {
  if (!LOGGED_MODELS.has(change.model)) return;
  await durably(() =>
    DataStore.save(
      new ChangeLogEntry({
        recordModel: change.model,
        recordID: change.recordId,
        operation: change.operation,
        fields: JSON.stringify(ownFields(change.model, change.fields)),
        previous: change.previous ? JSON.stringify(ownFields(change.model, change.previous)) : null,
        savedAt: (change.savedAt ?? serverNow()).toISOString(),
        author: crewMemberName() || null,
        device: deviceLabel(),
      }),
    ),
  );
}
