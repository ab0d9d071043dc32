import { type PersistentModel, type PersistentModelConstructor } from '@aws-amplify/datastore';

import { Attachment, FieldNote, Job, Site } from '../../../../models';

/** A synced model as the sync domain writes it: queried by id, copied with fields set by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = PersistentModelConstructor<any> & {
  copyOf(source: PersistentModel, mutator: (draft: Record<string, unknown>) => void): PersistentModel;
};

/** The synced models by name. */
export const RECORD_MODELS: Readonly<Record<string, AnyModel>> = {
  Site: Site as unknown as AnyModel,
  Job: Job as unknown as AnyModel,
  FieldNote: FieldNote as unknown as AnyModel,
  // A photo's record queued when a model change wipes the store is resent like any other change.
  Attachment: Attachment as unknown as AnyModel,
};

export function modelFor(name: string): AnyModel {
  const model = RECORD_MODELS[name];
  if (!model) throw new Error(`Unknown record type ${name}`);
  return model;
}
