import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * AppSync's custom scalars. Values are passed through untouched on output so that every value is
 * echoed exactly as the client sent it: DataStore compares echoed fields with what it sent before it
 * propagates `_version` inside its outbox (see datastore-protocol.md, section 3.1).
 */
function stringScalar(name: string, valid: (value: string) => boolean): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`Variable has an invalid value for ${name}: ${JSON.stringify(value)}`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: (value) => value,
    parseValue: check,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string literal`);
      return check(ast.value);
    },
  });
}

const isoDate = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const isoTime = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

// AppSync's timestamps are epoch milliseconds: far beyond GraphQL's 32-bit Int.
const awsTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new GraphQLError(`AWSTimestamp must be an integer, got ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError('AWSTimestamp must be an integer literal');
    return Number(ast.value);
  },
});

export const appSyncScalars: GraphQLScalarType[] = [
  awsTimestamp,
  stringScalar('AWSDate', (v) => isoDate.test(v)),
  stringScalar('AWSTime', (v) => isoTime.test(v)),
  stringScalar('AWSDateTime', (v) => isoDateTime.test(v) && !Number.isNaN(Date.parse(v.slice(0, 19) + 'Z'))),
  stringScalar('AWSJSON', isJson),
  stringScalar('AWSEmail', (v) => /^[^@\s]+@[^@\s]+$/.test(v)),
  stringScalar('AWSURL', (v) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(v)),
  stringScalar('AWSPhone', (v) => /^\+?[0-9 ().-]{3,}$/.test(v)),
  stringScalar('AWSIPAddress', (v) => /^[0-9a-f.:/]+$/i.test(v)),
];

export const appSyncDirectiveDefinitions = `
scalar AWSTimestamp
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSJSON
scalar AWSEmail
scalar AWSURL
scalar AWSPhone
scalar AWSIPAddress
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_api_key on FIELD_DEFINITION | OBJECT
directive @aws_iam on FIELD_DEFINITION | OBJECT
directive @aws_oidc on FIELD_DEFINITION | OBJECT
directive @aws_lambda on FIELD_DEFINITION | OBJECT
directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
`;
