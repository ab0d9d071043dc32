import { type ChangeOperation } from './change-to-review';

/** The slice of the codegen schema (src/models/schema.js) needed to write a mutation document. */
interface SchemaField {
  readonly name: string;
  readonly type: string | { readonly model?: string; readonly nonModel?: string; readonly enum?: string };
  readonly isReadOnly?: boolean;
}
export interface SchemaShape {
  readonly models: Readonly<Record<string, { readonly fields: Readonly<Record<string, SchemaField>> }>>;
  readonly nonModels?: Readonly<Record<string, { readonly fields: Readonly<Record<string, SchemaField>> }>>;
}

const VERB: Readonly<Record<ChangeOperation, string>> = { create: 'create', update: 'update', delete: 'delete' };

/**
 * The same mutation DataStore's outbox sends (`mutation operation($input: UpdateSiteInput!)`),
 * selecting every stored field plus the sync metadata so the reply can be merged like DataStore's own.
 */
export function mutationDocument(schema: SchemaShape, model: string, operation: ChangeOperation): string {
  const name = `${VERB[operation]}${model}`;
  const inputType = `${operation[0].toUpperCase()}${operation.slice(1)}${model}Input`;
  const selection = [
    ...selectionFor(schema, schema.models[model]?.fields ?? {}),
    '_version',
    '_lastChangedAt',
    '_deleted',
  ];
  return `mutation operation($input: ${inputType}!) { ${name}(input: $input) { ${selection.join(' ')} } }`;
}

export function mutationName(model: string, operation: ChangeOperation): string {
  return `${VERB[operation]}${model}`;
}

/** Only the fields the GraphQL input accepts: no relations, no server-managed timestamps. */
export function writableFields(schema: SchemaShape, model: string, values: Readonly<Record<string, unknown>>) {
  const fields = schema.models[model]?.fields ?? {};
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => {
      const field = fields[key];
      return field !== undefined && !field.isReadOnly && !(typeof field.type === 'object' && field.type.model);
    }),
  );
}

function selectionFor(schema: SchemaShape, fields: Readonly<Record<string, SchemaField>>): string[] {
  return Object.values(fields).flatMap((field) => {
    if (typeof field.type === 'string' || field.type.enum) return [field.name];
    if (field.type.nonModel) {
      const nested = schema.nonModels?.[field.type.nonModel]?.fields ?? {};
      return [`${field.name} { ${selectionFor(schema, nested).join(' ')} }`];
    }
    return [];
  });
}
