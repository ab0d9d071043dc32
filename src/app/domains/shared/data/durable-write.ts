import { DataStore } from '@aws-amplify/datastore';

import { Site } from '../../../../models';

const NO_SUCH_RECORD = 'fieldbook-outbox-barrier';

/**
 * Runs a DataStore write and resolves only once its outbox entry is on disk too.
 *
 * DataStore resolves save() and delete() when the record is in IndexedDB and writes the matching
 * outbox entry in a separate step right after. A tab closed or reloaded in between keeps the
 * record change but not the outbox change: a delete of a job created offline came back as a
 * create. Both steps take turns on DataStore's storage lock, and the outbox step is queued before
 * the write returns, so one more turn of that lock (a query) waits until the outbox has caught up.
 */
export async function durably<T>(write: () => Promise<T>): Promise<T> {
  const result = await write();
  await DataStore.query(Site, NO_SUCH_RECORD);
  return result;
}
