import { schema } from '../../../../models/schema';

const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', 'fieldEditedAt']);

/** The fields a person edits among `fields`: the model's own attributes, no relations, ids or sync metadata. */
export function ownFields(model: string, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const attributes = schema.models[model]?.fields ?? {};
  const own: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const attribute = attributes[name];
    if (!attribute || attribute.association || name.startsWith('_') || BOOKKEEPING.has(name)) continue;
    if (value !== undefined) own[name] = value;
  }
  return JSON.parse(JSON.stringify(own)) as Record<string, unknown>;
}
