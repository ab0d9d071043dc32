import {
  type DocumentNode,
  execute,
  getOperationAST,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  parse,
  validate,
} from 'graphql';
import { z } from 'zod';

import type { Caller } from '../auth/caller.ts';
import { PARSED_DOCUMENT_CACHE_SIZE } from '../limits.ts';
import { type DocumentLimits, selectionProblem, textNesting, tokenCount, variablesProblem } from './document-limits.ts';
import { type AppSyncErrorBody, errorBody, formatError } from './errors.ts';
import type { PageQueries } from './page-query.ts';
import type { ExecutionLimits } from './request-budget.ts';
import { RequestContext } from './request-context.ts';

export type RequestLimits = DocumentLimits & ExecutionLimits;

const requestSchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

export interface GraphQLResponse {
  status: number;
  body: { data?: unknown; errors?: AppSyncErrorBody[] };
}

// DataStore sends the same few query texts over and over (every sync page, every mutation).
const parsed = new WeakMap<GraphQLSchema, Map<string, DocumentNode | AppSyncErrorBody[]>>();

/** The parsed and validated document; the same object for the same text (documents are never mutated). */
export function parseDocument(
  schema: GraphQLSchema,
  query: string,
  limits: DocumentLimits,
): DocumentNode | AppSyncErrorBody[] {
  let cache = parsed.get(schema);
  if (!cache) parsed.set(schema, (cache = new Map()));
  let result = cache.get(query);
  if (result === undefined) {
    result = parseAndValidate(schema, query, limits);
    if (cache.size >= PARSED_DOCUMENT_CACHE_SIZE) cache.clear();
    cache.set(query, result);
  }
  return result;
}

function parseAndValidate(
  schema: GraphQLSchema,
  query: string,
  limits: DocumentLimits,
): DocumentNode | AppSyncErrorBody[] {
  const refuse = (message: string) => errorBody('ValidationError', message).errors;
  if (textNesting(query) > limits.maxQueryNesting) {
    return refuse(`The query nests braces, brackets or parentheses deeper than ${limits.maxQueryNesting} levels.`);
  }
  if (tokenCount(query, limits.maxQueryTokens) > limits.maxQueryTokens) {
    return refuse(`The query has more than ${limits.maxQueryTokens} tokens; split it into smaller queries.`);
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return [formatError(error as GraphQLError, 'MalformedHttpRequestException')];
  }
  const problem = selectionProblem(document, limits);
  if (problem) return refuse(problem);
  const errors = validate(schema, document);
  return errors.length > 0 ? errors.map((error) => formatError(error, 'ValidationError')) : document;
}

/** Runs one `POST /graphql` body for an authenticated caller and shapes every outcome the way AppSync does. */
export async function executeRequest(
  schema: GraphQLSchema,
  fieldResolver: GraphQLFieldResolver<unknown, unknown>,
  rawBody: string,
  limits: RequestLimits,
  caller: Caller,
  pages?: PageQueries,
): Promise<GraphQLResponse> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: errorBody('MalformedHttpRequestException', 'The request body is not valid JSON.') };
  }
  const request = requestSchema.safeParse(json);
  if (!request.success) {
    return {
      status: 400,
      body: errorBody('MalformedHttpRequestException', 'The body must be {"query": string, "variables"?: object}.'),
    };
  }
  const { query, variables, operationName } = request.data;
  const tooDeep = variablesProblem(variables, limits);
  if (tooDeep) return { status: 400, body: errorBody('ValidationError', tooDeep) };
  const document = parseDocument(schema, query, limits);
  if (Array.isArray(document)) return { status: 400, body: { data: null, errors: document } };
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) {
    return { status: 400, body: errorBody('ValidationError', 'Exactly one operation must be named by operationName.') };
  }
  if (operation.operation === 'subscription') {
    return { status: 400, body: errorBody('UnsupportedOperation', 'Subscriptions are served on /graphql/realtime.') };
  }
  const page = pages?.run(document, operation, variables ?? {}, caller);
  if (page) return { status: 200, body: page };
  const result = await execute({
    schema,
    document,
    variableValues: variables ?? {},
    operationName,
    fieldResolver,
    contextValue: new RequestContext(limits, caller),
  });
  const errors = result.errors?.map((error) => formatError(error, error.path ? 'InternalFailure' : 'ValidationError'));
  return {
    status: 200,
    body: { data: result.data ?? null, ...(errors && errors.length > 0 ? { errors } : {}) },
  };
}
