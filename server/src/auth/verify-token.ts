/**
 * The one check of a user-pool JWT, for every edge that takes one (the user pool's own operations
 * now; GraphQL and real-time next): RS256 only, signed by one of the pool's keys, the pool's issuer,
 * unexpired by the server's clock, the expected `token_use` and app client. Anything else is a typed
 * refusal, so callers answer in their own protocol's words.
 */
import { type KeyObject, verify } from 'node:crypto';

import { z } from 'zod';

export type TokenUse = 'access' | 'id';

export interface VerifyTokenOptions {
  /** `<server url>/cognito-idp/<poolId>`, as the pool writes it into `iss`. */
  issuer: string;
  clientId: string;
  tokenUse: TokenUse;
  /** The pool's public key with this `kid`, if it has one. */
  publicKey(kid: string): KeyObject | undefined;
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Who is calling, from a verified token. */
export interface CallerClaims {
  sub: string;
  /** `username` of an access token, `cognito:username` of an ID token. */
  username: string;
  groups: string[];
  tokenUse: TokenUse;
  clientId: string;
  jti: string;
  originJti: string | undefined;
  /** Seconds since the epoch, as in the token. */
  issuedAt: number;
  expiresAt: number;
  authTime: number;
  /** The user's custom attributes the token carries (`custom:<name>`), as strings. */
  attributes: Record<string, string>;
}

export type TokenRefusal =
  'malformed' | 'algorithm' | 'unknown-key' | 'signature' | 'issuer' | 'expired' | 'token-use' | 'client';

export type VerifiedToken = { ok: true; claims: CallerClaims } | { ok: false; refusal: TokenRefusal };

/** Longer than any token the pool issues; nothing past it is decoded. */
const MAX_TOKEN_CHARS = 16 * 1024;

const header = z.object({ alg: z.string(), kid: z.string().max(200).optional() });
const payload = z
  .object({
    sub: z.string().min(1),
    iss: z.string(),
    token_use: z.string(),
    exp: z.number(),
    iat: z.number(),
    auth_time: z.number(),
    jti: z.string(),
    origin_jti: z.string().optional(),
    'cognito:groups': z.array(z.string()).optional(),
    username: z.string().optional(),
    'cognito:username': z.string().optional(),
    client_id: z.string().optional(),
    aud: z.string().optional(),
  })
  .catchall(z.unknown());

/** Custom attributes are claims named `custom:<name>`; Cognito writes each as a string. */
const customAttributes = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(body).filter(
      (entry): entry is [string, string] => entry[0].startsWith('custom:') && typeof entry[1] === 'string',
    ),
  );

function decodePart<T>(schema: z.ZodType<T>, part: string): T | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const refuse = (refusal: TokenRefusal): VerifiedToken => ({ ok: false, refusal });

export function verifyToken(token: string, options: VerifyTokenOptions): VerifiedToken {
  const parts = token.length <= MAX_TOKEN_CHARS ? token.split('.') : [];
  if (parts.length !== 3) return refuse('malformed');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const head = decodePart(header, headerPart);
  const body = decodePart(payload, payloadPart);
  if (!head || !body || !/^[A-Za-z0-9_-]*$/.test(signaturePart)) return refuse('malformed');
  // The algorithm is the pool's, never the token's choice: `none` and HS256 end here.
  if (head.alg !== 'RS256') return refuse('algorithm');
  const key = head.kid === undefined ? undefined : options.publicKey(head.kid);
  if (!key) return refuse('unknown-key');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  if (!verify('RSA-SHA256', signed, key, Buffer.from(signaturePart, 'base64url'))) return refuse('signature');
  if (body.iss !== options.issuer) return refuse('issuer');
  if (body.exp * 1000 <= options.now()) return refuse('expired');
  if (body.token_use !== options.tokenUse) return refuse('token-use');
  const clientId = options.tokenUse === 'access' ? body.client_id : body.aud;
  if (clientId !== options.clientId) return refuse('client');
  const username = options.tokenUse === 'access' ? body.username : body['cognito:username'];
  if (!username) return refuse('malformed');
  return {
    ok: true,
    claims: {
      sub: body.sub,
      username,
      groups: body['cognito:groups'] ?? [],
      tokenUse: options.tokenUse,
      clientId,
      jti: body.jti,
      originJti: body.origin_jti,
      issuedAt: body.iat,
      expiresAt: body.exp,
      authTime: body.auth_time,
      attributes: customAttributes(body),
    },
  };
}
