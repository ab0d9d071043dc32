import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Authenticate, Caller } from '../auth/caller.ts';
import { errorBody, plainErrorBody, UNAUTHORIZED } from '../graphql/errors.ts';
import type { GraphQLResponse } from '../graphql/execute-request.ts';
import { CLIENT_CONFIG_PATH, type ClientConfigOptions, serveClientConfig } from './client-config.ts';
import { readBody } from './read-body.ts';
import { serveStatic } from './static-files.ts';

export interface HttpAppOptions extends ClientConfigOptions {
  corsOrigins: string[];
  maxBodyBytes: number;
  /** Who a request acts for, from its headers; null refuses it before its body is read. */
  authenticate: Authenticate;
  execute(body: string, caller: Caller): Promise<GraphQLResponse>;
  /** `ok` while serving; `draining` once a stop has begun (load balancers then send no more). */
  health(): 'ok' | 'draining';
  /** Handlers for paths under a prefix (the S3 and Cognito Identity subsets), each with its own auth. */
  routes?: readonly Route[];
}

export interface Route {
  /** Matches this path and every path below it. */
  prefix: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

const routeFor = (routes: readonly Route[], path: string) =>
  routes.find((route) => path === route.prefix || path.startsWith(`${route.prefix}/`));

/** Readiness for load balancers and process supervisors; needs no API key and reveals nothing. */
export const HEALTH_PATH = '/health';

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

function corsHeaders(request: IncomingMessage, origins: string[]): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin || !origins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers':
      request.headers['access-control-request-headers'] ??
      'content-type, x-api-key, x-amz-user-agent, x-amz-date, authorization, x-amz-security-token',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

export function createHttpHandler(options: HttpAppOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path === HEALTH_PATH) {
      const status = options.health();
      sendJson(response, status === 'ok' ? 200 : 503, { status });
      return;
    }
    if (path === CLIENT_CONFIG_PATH && serveClientConfig(options, request, response)) return;
    const route = routeFor(options.routes ?? [], path);
    if (route) {
      await route.handle(request, response);
      return;
    }
    if (path !== '/graphql') {
      serveStatic(options.staticDir, request, response);
      return;
    }
    const cors = corsHeaders(request, options.corsOrigins);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    if (request.method !== 'POST') {
      sendJson(response, 405, errorBody('MethodNotAllowed', 'Use POST for /graphql.'), {
        allow: 'POST, OPTIONS',
        ...cors,
      });
      return;
    }
    const caller = await options.authenticate({
      apiKey: request.headers['x-api-key'],
      authorization: request.headers.authorization,
    });
    if (!caller) {
      request.resume();
      // AppSync names the error in a header too; Amplify's client takes the error's name from it.
      sendJson(response, 401, plainErrorBody(...UNAUTHORIZED), { ...cors, 'x-amzn-ErrorType': UNAUTHORIZED[0] });
      return;
    }
    // Form-encodable types would let a page post here without a CORS preflight.
    if (!/^application\/(graphql\+)?json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      request.resume();
      sendJson(
        response,
        415,
        errorBody('UnsupportedMediaTypeException', 'The request body must be application/json.'),
        cors,
      );
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    const received = declared > options.maxBodyBytes ? 'too-large' : await readBody(request, options.maxBodyBytes);
    const body = received === 'too-large' ? received : received.toString('utf8');
    if (body === 'too-large') {
      sendJson(
        response,
        413,
        errorBody('PayloadTooLargeException', `The request body exceeds ${options.maxBodyBytes} bytes.`),
        {
          ...cors,
          connection: 'close',
        },
      );
      return;
    }
    const result = await options.execute(body, caller);
    sendJson(response, result.status, result.body, cors);
  };
}
