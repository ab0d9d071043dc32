import { DataStore, type PersistentModel, type PersistentModelConstructor } from '@aws-amplify/datastore';

import { Job, Site } from '../../../../models';

type Fields = Readonly<Record<string, unknown>>;
interface Scope {
  readonly crewID: string | null;
  readonly crewGroup: string | null;
}

/**
 * Where each record takes its crew's scope from: a job from its site, a note or a photo record from
 * its job. A site's scope is the crew the office chose for it; every record below copies it, since
 * DataStore's sync expressions and AppSync's rules read only the record's own fields.
 */
const PARENTS: Readonly<Record<string, { readonly key: string; readonly model: PersistentModelConstructor<never> }>> = {
  Job: { key: 'siteID', model: Site as never },
  FieldNote: { key: 'jobID', model: Job as never },
  Attachment: { key: 'jobID', model: Job as never },
};

/** A record's scope fields, null when it has none. */
export function scopeIn(record: Fields): Scope {
  return { crewID: (record['crewID'] as string) ?? null, crewGroup: (record['crewGroup'] as string) ?? null };
}

/**
 * The scope a record of `model` with `fields` takes from its parent as this device holds it; {} when
 * it has no parent model or the parent is not here, so the record keeps what `fields` carry (a
 * restored record its own scope).
 */
export async function scopeFromParent(model: string, fields: Fields): Promise<Partial<Scope>> {
  const parent = PARENTS[model];
  const parentId = parent && fields[parent.key];
  if (!parent || typeof parentId !== 'string') return {};
  const held = (await DataStore.query(parent.model, parentId as never)) as PersistentModel | undefined;
  return held ? scopeIn(held as Fields) : {};
}

/** `changes` to a record, with the scope of its new parent when they move it to another one. */
export async function withParentScope(model: string, current: Fields, changes: Fields): Promise<Fields> {
  const key = PARENTS[model]?.key;
  if (!key || !(key in changes) || changes[key] === current[key]) return changes;
  return { ...changes, ...(await scopeFromParent(model, changes)) };
}
