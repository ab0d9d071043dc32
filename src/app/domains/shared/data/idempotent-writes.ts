import { DataStore, type PersistentModel, type PersistentModelConstructor } from '@aws-amplify/datastore';

import { logChange } from './change-log';
import { rememberWhatDeleteTakes } from './deleted-with';
import { durably } from './durable-write';
import { noteMadeHere } from './made-here';
import { scopeFromParent } from './record-scope';

type WithId = Record<string, unknown> & { readonly id: string };
/** The models here all use DataStore's managed `id` key. */
type ById = never;

/**
 * Creates a record under an id chosen by the tab the user typed in, unless it exists already, so a
 * create that runs twice (see DeviceWrites) makes one record. DataStore's constructors always mint a
 * new id; `fromJSON` is the path DataStore itself uses to build records that carry theirs. The
 * record takes its crew's scope from its parent here (record-scope.ts), whoever creates it.
 */
export async function createOnce<T extends PersistentModel>(
  model: PersistentModelConstructor<T>,
  fields: WithId,
): Promise<string> {
  const existing = await DataStore.query(model, fields.id as ById);
  if (!existing) {
    const scoped = { ...fields, ...(await scopeFromParent(modelName(model), fields)) };
    const record = (model as unknown as { fromJSON(json: WithId): T }).fromJSON(scoped);
    await durably(() => DataStore.save(record));
    noteMadeHere(modelName(model), fields.id);
    await logChange({ model: modelName(model), recordId: fields.id, operation: 'create', fields: scoped });
  }
  return fields.id;
}

/**
 * Deletes a record; one that is gone already stays gone. A job or a site takes its children with it
 * (DataStore's cascade): what it takes is noted first, for the review should the server refuse it.
 */
export async function deleteIfPresent<T extends PersistentModel>(
  model: PersistentModelConstructor<T>,
  id: string,
): Promise<void> {
  const existing = await DataStore.query(model, id as ById);
  if (!existing) return;
  await rememberWhatDeleteTakes(modelName(model), id);
  await durably(() => DataStore.delete(existing));
  await logChange({
    model: modelName(model),
    recordId: id,
    operation: 'delete',
    fields: existing as Record<string, unknown>,
  });
}

const modelName = (model: object) => (model as { name: string }).name;
