import type { GraphQLError } from 'graphql';

import { describeError, log } from '../log.ts';

/** An error in AppSync's shape: `errorType`, `data` and `errorInfo` sit at the top level of the error. */
export class AppSyncError extends Error {
  constructor(
    message: string,
    readonly errorType: string,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
  }
}

export interface AppSyncErrorBody {
  path?: readonly (string | number)[];
  data: unknown;
  errorType: string;
  errorInfo: unknown;
  locations?: readonly { line: number; column: number }[];
  message: string;
}

export function formatError(error: GraphQLError, fallbackType = 'InternalFailure'): AppSyncErrorBody {
  const original = error.originalError;
  const appSync = original instanceof AppSyncError ? original : undefined;
  // Errors thrown by graphql-js itself (coercion, non-null violations) keep their message.
  const internal = !appSync && original != null && original.constructor.name !== 'GraphQLError';
  if (internal) log('error', 'resolver failed', { path: error.path?.join('.'), ...describeError(original) });
  return {
    ...(error.path ? { path: error.path } : {}),
    data: appSync ? appSync.data : null,
    errorType: appSync ? appSync.errorType : internal ? 'InternalFailure' : fallbackType,
    errorInfo: appSync ? appSync.errorInfo : null,
    ...(error.locations ? { locations: error.locations } : {}),
    message: internal ? 'An internal failure occurred while resolving this field.' : error.message,
  };
}

export function errorBody(errorType: string, message: string): { errors: AppSyncErrorBody[] } {
  return { errors: [{ data: null, errorType, errorInfo: null, message }] };
}

/**
 * The shorter shape AppSync uses outside GraphQL execution (401s, refused sockets): type and message,
 * and on a real-time `connection_error` also the HTTP-like `errorCode`.
 */
export function plainErrorBody(
  errorType: string,
  message: string,
  errorCode?: number,
): { errors: { errorType: string; message: string; errorCode?: number }[] } {
  return { errors: [{ errorType, message, ...(errorCode === undefined ? {} : { errorCode }) }] };
}

/** AppSync's answer to a missing or wrong API key, over HTTP and on a real-time socket. */
export const UNAUTHORIZED = ['UnauthorizedException', 'You are not authorized to make this call.'] as const;
