import { DataStore, type PersistentModel, type PersistentModelConstructor } from '@aws-amplify/datastore';

import { Attachment, FieldNote, Job } from '../../../../models';
import { crewGroupOf } from '../../crews/api';
import { durably } from '../../shared/data/durable-write';
import { type StrayRef, strayScope } from '../util/stray-scope';

type Editable = PersistentModelConstructor<PersistentModel> & {
  copyOf(source: PersistentModel, mutator: (draft: Record<string, unknown>) => void): PersistentModel;
};
const MODELS: Readonly<Record<string, Editable>> = {
  Job: Job as unknown as Editable,
  FieldNote: FieldNote as unknown as Editable,
  Attachment: Attachment as unknown as Editable,
};

/**
 * Saves this device's own records, made offline on a site or job the office moved meanwhile, in
 * the scope of the crew the handover names. No history entry: the old crew may not write one in
 * the new crew's scope. Runs in the sync leader.
 */
export async function moveStrays(strays: readonly (StrayRef & { readonly id: string })[]): Promise<void> {
  for (const stray of strays) {
    const model = MODELS[stray.model];
    const current = model && (await DataStore.query(model, stray.id as never));
    if (!model || !current) continue;
    const fields = strayScope(stray, crewGroupOf);
    await durably(() => DataStore.save(model.copyOf(current, (draft) => Object.assign(draft, fields))));
  }
}
