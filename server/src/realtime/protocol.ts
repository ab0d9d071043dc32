import { z } from 'zod';

import type { PresentedCredentials } from '../auth/caller.ts';
import { plainErrorBody } from '../graphql/errors.ts';

/** Client → server messages of AppSync's real-time protocol. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connection_init'), payload: z.unknown().optional() }),
  z.object({
    type: z.literal('start'),
    id: z.string().min(1).max(256),
    payload: z.object({
      data: z.string(),
      extensions: z.object({ authorization: z.record(z.string(), z.unknown()).optional() }).optional(),
    }),
  }),
  z.object({ type: z.literal('stop'), id: z.string().min(1).max(256) }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const startDataSchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
});

const authHeaderSchema = z.object({ 'x-api-key': z.string().optional(), Authorization: z.string().optional() }).loose();

/** The credentials in an AppSync real-time authorization object (the upgrade's header, or a start's extensions). */
export function presentedIn(authorization: unknown): PresentedCredentials {
  const parsed = authHeaderSchema.safeParse(authorization);
  if (!parsed.success) return {};
  return { apiKey: parsed.data['x-api-key'], authorization: parsed.data.Authorization };
}

function decodeAuthHeader(encoded: string, encoding: 'base64' | 'base64url'): PresentedCredentials {
  try {
    return presentedIn(JSON.parse(Buffer.from(encoded, encoding).toString('utf8')));
  } catch {
    return {};
  }
}

/**
 * The credentials of an upgrade request: aws-amplify ≥ 6.6 sends them as a `header-<base64url JSON>`
 * subprotocol, older v6 releases as `?header=<base64 JSON>` (unescaped, so `+` is not a space).
 */
export function credentialsFromUpgrade(rawUrl: string, protocols: string | undefined): PresentedCredentials {
  for (const protocol of (protocols ?? '').split(',').map((p) => p.trim())) {
    if (protocol.startsWith('header-')) return decodeAuthHeader(protocol.slice('header-'.length), 'base64url');
  }
  const query = rawUrl.split('?', 2)[1] ?? '';
  for (const part of query.split('&')) {
    if (!part.startsWith('header=')) continue;
    const value = part.slice('header='.length);
    return decodeAuthHeader(value.includes('%') ? decodeURIComponent(value) : value, 'base64');
  }
  return {};
}

export function errorMessage(errorType: string, message: string, id?: string) {
  return { type: 'error', ...(id ? { id } : {}), payload: plainErrorBody(errorType, message) };
}
