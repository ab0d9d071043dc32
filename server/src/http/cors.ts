import type { IncomingMessage } from 'node:http';

/**
 * CORS headers for a request from one of `origins` (none for any other origin): the origin echoed,
 * the headers a preflight asks for allowed (or `defaultHeaders`), and the path's own `rules`.
 */
export function corsHeadersFor(
  request: IncomingMessage,
  origins: readonly string[],
  rules: { methods: string; exposed: string; maxAgeSeconds: number; defaultHeaders?: string },
): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin || !origins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': rules.methods,
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? rules.defaultHeaders ?? '*',
    'access-control-expose-headers': rules.exposed,
    'access-control-max-age': String(rules.maxAgeSeconds),
    vary: 'origin',
  };
}
