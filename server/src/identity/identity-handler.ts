import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import { corsHeadersFor } from '../http/cors.ts';
import { readBody } from '../http/read-body.ts';
import { MAX_CONTROL_BODY_BYTES } from '../limits.ts';
import type { IdentityStore } from './identity-store.ts';

/** Where the Cognito Identity subset answers; Amplify's `identityPoolEndpoint` and the SDK's `endpoint`. */
export const IDENTITY_PATH = '/cognito-identity';

const TARGET_PREFIX = 'AWSCognitoIdentityService.';

export interface IdentityHandlerOptions {
  identities: IdentityStore;
  identityPoolId: string;
  credentialLifetimeSeconds: number;
  corsOrigins: readonly string[];
  now(): number;
}

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const logins = z.record(z.string(), z.string()).optional();
const getIdInput = z.object({
  IdentityPoolId: z.string().min(1).max(55),
  AccountId: z.string().optional(),
  Logins: logins,
});
const getCredentialsInput = z.object({
  IdentityId: z.string().min(1).max(55),
  Logins: logins,
  CustomRoleArn: z.string().optional(),
});

const IDENTITY_CORS = {
  methods: 'POST, OPTIONS',
  exposed: 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage',
  maxAgeSeconds: 600,
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CognitoError(
      'InvalidParameterException',
      `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

function run(options: IdentityHandlerOptions, operation: string, body: unknown): unknown {
  if (operation === 'GetId') {
    const input = parse(getIdInput, body);
    if (input.IdentityPoolId !== options.identityPoolId) {
      throw new CognitoError('ResourceNotFoundException', `IdentityPool '${input.IdentityPoolId}' not found.`);
    }
    if (input.Logins && Object.keys(input.Logins).length > 0) {
      throw new CognitoError('NotAuthorizedException', 'This identity pool has no login providers; only guest access.');
    }
    return { IdentityId: options.identities.createIdentity(input.IdentityPoolId, options.now()) };
  }
  if (operation === 'GetCredentialsForIdentity') {
    const input = parse(getCredentialsInput, body);
    if (options.identities.poolOf(input.IdentityId) !== options.identityPoolId) {
      throw new CognitoError('ResourceNotFoundException', `Identity '${input.IdentityId}' not found.`);
    }
    if (input.Logins && Object.keys(input.Logins).length > 0) {
      throw new CognitoError('NotAuthorizedException', 'This identity pool has no login providers; only guest access.');
    }
    const issued = options.identities.issueCredentials(
      input.IdentityId,
      options.credentialLifetimeSeconds * 1000,
      options.now(),
    );
    return {
      IdentityId: input.IdentityId,
      // JSON 1.1 timestamps are seconds since the epoch.
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretKey: issued.secretKey,
        SessionToken: issued.sessionToken,
        Expiration: Math.floor(issued.expiresAt / 1000),
      },
    };
  }
  throw new CognitoError('UnknownOperationException', `${operation || 'The operation'} is not supported.`);
}

/**
 * Cognito Identity's JSON 1.1 protocol for guest access: GetId and GetCredentialsForIdentity,
 * unsigned as Cognito takes them, errors as `{"__type", "message"}`.
 */
export function createIdentityHandler(options: IdentityHandlerOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const cors = corsHeadersFor(request, options.corsOrigins, IDENTITY_CORS);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...cors, ...headers });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.method !== 'POST') throw new CognitoError('UnknownOperationException', 'Use POST.', 405);
      const target = String(request.headers['x-amz-target'] ?? '');
      if (!target.startsWith(TARGET_PREFIX))
        throw new CognitoError('UnknownOperationException', 'Missing X-Amz-Target.');
      const raw = await readBody(request, MAX_CONTROL_BODY_BYTES);
      if (raw === 'too-large') throw new CognitoError('SerializationException', 'The request body is too large.', 413);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        throw new CognitoError('SerializationException', 'The request body is not JSON.');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new CognitoError('SerializationException', 'The request body must be a JSON object.');
      }
      send(200, run(options, target.slice(TARGET_PREFIX.length), body));
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      if (!request.complete) request.resume();
      send(error.status, { __type: error.type, message: error.message }, { 'x-amzn-ErrorType': error.type });
    }
  };
}
