import type { IncomingMessage, ServerResponse } from 'node:http';

import type { z } from 'zod';

import { MAX_CONTROL_BODY_BYTES } from '../limits.ts';
import { corsHeadersFor } from './cors.ts';
import { readBody } from './read-body.ts';

/** An AWS JSON 1.1 error: sent as `{"__type", "message"}` with its status (400 unless said). */
export class AmzJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The body as `schema` takes it, or InvalidParameterException naming the first bad field. */
export function parseInput<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AmzJsonError(
      'InvalidParameterException',
      `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

const AMZ_JSON_CORS = {
  methods: 'POST, OPTIONS',
  exposed: 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage',
  maxAgeSeconds: 600,
};

export interface AmzJsonService {
  /** `AWSCognitoIdentityService.` and the like: the `x-amz-target` before the operation's name. */
  targetPrefix: string;
  corsOrigins: readonly string[];
  run(operation: string, body: object, request: IncomingMessage): unknown;
}

/**
 * AWS's JSON 1.1 protocol as the Cognito services speak it: POST with `x-amz-target`, unsigned, a
 * JSON object in and out, errors as `{"__type", "message"}`.
 */
export function serveAmzJson(service: AmzJsonService) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const cors = corsHeadersFor(request, service.corsOrigins, AMZ_JSON_CORS);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...cors, ...headers });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.method !== 'POST') throw new AmzJsonError('UnknownOperationException', 'Use POST.', 405);
      const target = String(request.headers['x-amz-target'] ?? '');
      if (!target.startsWith(service.targetPrefix))
        throw new AmzJsonError('UnknownOperationException', 'Missing X-Amz-Target.');
      const raw = await readBody(request, MAX_CONTROL_BODY_BYTES);
      if (raw === 'too-large') throw new AmzJsonError('SerializationException', 'The request body is too large.', 413);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        throw new AmzJsonError('SerializationException', 'The request body is not JSON.');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new AmzJsonError('SerializationException', 'The request body must be a JSON object.');
      }
      send(200, await service.run(target.slice(service.targetPrefix.length), body, request));
    } catch (error) {
      if (!(error instanceof AmzJsonError)) throw error;
      if (!request.complete) request.resume();
      send(error.status, { __type: error.type, message: error.message }, { 'x-amzn-ErrorType': error.type });
    }
  };
}
