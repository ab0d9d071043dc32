import {
  getNamedType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
} from 'graphql';

import { keyQueriesOf, type KeyQuery, type PrimaryKey, primaryKeyOf } from './model-keys.ts';

export interface Relation {
  field: string;
  target: string;
  /** The foreign-key field: on this model for belongsTo, on the target for hasMany. */
  foreignKey: string;
}

export interface ChildRelation extends Relation {
  /** The field of this model whose value the target's foreign key holds (its partition key unless `fields` says). */
  parentKey: string;
}

export interface ModelInfo {
  name: string;
  plural: string;
  /** Primary key fields, partition key first (`id` unless the schema says `@primaryKey`). */
  primaryKey: PrimaryKey;
  keyQueries: KeyQuery[];
  belongsTo: Relation[];
  hasMany: ChildRelation[];
  /** Fields whose stored value is a JSON string (AWSJSON): Auto Merge merges them as maps. */
  jsonFields: Set<string>;
  /** Fields declared as lists: Auto Merge concatenates them. */
  listFields: Set<string>;
}

function stringListArgument(node: ObjectTypeDefinitionNode, field: string, directive: string, arg: string) {
  const fieldNode = node.fields?.find((f) => f.name.value === field);
  const value = fieldNode?.directives
    ?.find((d) => d.name.value === directive)
    ?.arguments?.find((a) => a.name.value === arg)?.value;
  if (value?.kind === Kind.LIST) return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
  if (value?.kind === Kind.STRING) return [value.value];
  return [];
}

/**
 * Models are read from the transformer output (types carrying `_version`); relations come from the
 * source schema's @belongsTo/@hasMany/@index, since the transformer output no longer carries them.
 */
export function describeModels(schema: GraphQLSchema, sourceSdl: string): Map<string, ModelInfo> {
  const source = parse(sourceSdl);
  const definitions = new Map(
    source.definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  const models = new Map<string, ModelInfo>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getFields()['_version'] || type.name.startsWith('__')) continue;
    const syncField = Object.entries(queryFields).find(
      ([name, field]) => name.startsWith('sync') && getNamedType(field.type).name === `Model${type.name}Connection`,
    )?.[0];
    if (!syncField) throw new Error(`model ${type.name} has no sync query in the transformed schema`);
    const definition = definitions.get(type.name);
    const plural = syncField.slice('sync'.length);
    const primaryKey = primaryKeyOf(schema, type.name);
    const info: ModelInfo = {
      name: type.name,
      plural,
      primaryKey,
      keyQueries: keyQueriesOf(schema, type, plural),
      belongsTo: [],
      hasMany: [],
      jsonFields: new Set(),
      listFields: new Set(),
    };
    for (const field of Object.values(type.getFields())) {
      const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (isListType(unwrapped)) info.listFields.add(field.name);
      if (getNamedType(field.type).name === 'AWSJSON') info.jsonFields.add(field.name);
      if (!definition) continue;
      const [belongsToKey] = stringListArgument(definition, field.name, 'belongsTo', 'fields');
      if (belongsToKey)
        info.belongsTo.push({ field: field.name, target: getNamedType(field.type).name, foreignKey: belongsToKey });
      const [indexName] = stringListArgument(definition, field.name, 'hasMany', 'indexName');
      if (indexName) {
        const target = getNamedType(field.type).name.replace(/^Model(.*)Connection$/, '$1');
        const child = definitions.get(target);
        const key = child?.fields?.find(
          (f) => stringListArgument(child, f.name.value, 'index', 'name')[0] === indexName,
        );
        const [parentKey = primaryKey[0]] = stringListArgument(definition, field.name, 'hasMany', 'fields');
        if (key) info.hasMany.push({ field: field.name, target, foreignKey: key.name.value, parentKey });
      }
    }
    models.set(type.name, info);
  }
  return models;
}

/** The model a root field such as `createJob` or `syncJobs` is for (`pattern` captures its name or plural). */
export function modelForField(
  models: Map<string, ModelInfo>,
  fieldName: string,
  pattern: RegExp,
): ModelInfo | undefined {
  const match = pattern.exec(fieldName);
  if (!match?.[1]) return undefined;
  return models.get(match[1]) ?? [...models.values()].find((m) => m.plural === match[1]);
}
