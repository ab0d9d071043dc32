type Item = Readonly<Record<string, unknown>>;

/** The part of DataStore's model definition this reads: each field's association, if any. */
export interface ModelFields {
  readonly fields: Readonly<
    Record<
      string,
      { readonly association?: { readonly connectionType?: string; readonly targetNames?: readonly string[] } }
    >
  >;
}

/**
 * A synced record as DataStore should build it: a parent field the server answered null (a job's
 * `site`, a note's `job`) while the record's own key to it is set is left out. AppSync answers a
 * parent it cannot find or may not show with null; DataStore would take that null as "no parent"
 * and clear the key, and a record whose key is required then fails validation, failing the whole
 * sync page it came in. The record keeps its key; the parent is looked up by it when it is read.
 */
export function keepingParentKeys<T extends object>(definition: ModelFields | undefined, record: T): T {
  const item = record as Item;
  if (!definition) return record;
  const dropped = Object.entries(definition.fields).flatMap(([field, { association }]) => {
    const keys = association?.connectionType === 'BELONGS_TO' ? association.targetNames : undefined;
    return item[field] === null && keys?.length && keys.every((key) => item[key] != null) ? [field] : [];
  });
  if (dropped.length === 0) return record;
  return Object.fromEntries(Object.entries(item).filter(([field]) => !dropped.includes(field))) as T;
}
