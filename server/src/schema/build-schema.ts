import { buildSchema, GraphQLScalarType, type GraphQLSchema } from 'graphql';

import { appSyncDirectiveDefinitions, appSyncScalars } from './appsync-scalars.ts';

/** Builds the transformer's output the way AppSync does: with its scalars and directives declared. */
export function buildAppSyncSchema(transformedSdl: string): GraphQLSchema {
  const schema = buildSchema(`${appSyncDirectiveDefinitions}\n${transformedSdl}`);
  const types = schema.getTypeMap();
  for (const scalar of appSyncScalars) {
    const declared = types[scalar.name];
    if (declared instanceof GraphQLScalarType) {
      // buildSchema only knows scalar names; attach AppSync's coercion rules to them.
      declared.serialize = scalar.serialize;
      declared.parseValue = scalar.parseValue;
      declared.parseLiteral = scalar.parseLiteral;
    }
  }
  return schema;
}
