import { DataStore } from '@aws-amplify/datastore';

import { crewGroupOf } from '../../crews/api';
import { durably } from '../../shared/data/durable-write';
import { type StrayRef, strayScope } from '../util/stray-scope';
import { RECORD_MODELS } from './record-models';

/**
 * Saves this device's own records, made offline on a site or job the office moved meanwhile, in
 * the scope of the crew the handover names. No history entry: the old crew may not write one in
 * the new crew's scope. Runs in the sync leader.
 */
export async function moveStrays(strays: readonly (StrayRef & { readonly id: string })[]): Promise<void> {
  for (const stray of strays) {
    const model = RECORD_MODELS[stray.model];
    const current = model && (await DataStore.query(model, stray.id));
    if (!model || !current) continue;
    const fields = strayScope(stray, crewGroupOf);
    await durably(() => DataStore.save(model.copyOf(current, (draft) => Object.assign(draft, fields))));
  }
}
