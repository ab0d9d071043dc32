import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag } from '@smithy/types';

import type { IssuedCredentials } from '../identity/identity-store.ts';
import type { IdentityRole } from '../identity/role-mapping.ts';
import { MAX_CLOCK_SKEW_MS, MAX_PRESIGNED_SECONDS } from '../limits.ts';
import { STREAMING_UNSIGNED_TRAILER, UNSIGNED_PAYLOAD } from './receive-body.ts';
import { accessDenied, invalidArgument, invalidRequest, notImplemented, S3Error } from './s3-error.ts';

/** Who signed a request, and the payload hash it signed (a SHA-256, UNSIGNED-PAYLOAD or a streaming mode). */
export interface VerifiedRequest {
  identityId: string;
  role: IdentityRole;
  tags: Readonly<Record<string, string>>;
  payloadHash: string;
}

const sessionOf = ({ identityId, role, tags }: IssuedCredentials) => ({ identityId, role, tags });

export type CredentialLookup = (accessKeyId: string) => IssuedCredentials | undefined;

/** A request to verify: `path` exactly as sent (S3 signs it without normalizing), the query decoded. */
export interface Incoming {
  request: IncomingMessage;
  path: string;
  query: QueryParameterBag;
  lookup: CredentialLookup;
  now: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const CONTENT_SHA256 = 'x-amz-content-sha256';

const signatureMismatch = () =>
  new S3Error(
    'SignatureDoesNotMatch',
    403,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );
const malformedAuthorization = (message: string) => new S3Error('AuthorizationHeaderMalformed', 400, message);
const malformedQuery = (message: string) => new S3Error('AuthorizationQueryParametersError', 400, message);

/** The query as the signer wants it: decoded names and values, repeated names as arrays. */
export function parseQuery(rawQuery: string): QueryParameterBag {
  const query: QueryParameterBag = {};
  if (rawQuery === '') return query;
  for (const pair of rawQuery.split('&')) {
    const equals = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(equals < 0 ? pair : pair.slice(0, equals));
      value = equals < 0 ? '' : decodeURIComponent(pair.slice(equals + 1));
    } catch {
      throw new S3Error('InvalidURI', 400, "Couldn't parse the specified URI.");
    }
    const existing = query[name];
    if (existing === undefined || existing === null) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/** `20260101T000000Z` → Date, or undefined. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

interface Scope {
  accessKeyId: string;
  date: string;
  region: string;
}

/** `AKID/20260101/us-east-1/s3/aws4_request`; access key ids have no slash. */
function parseCredential(credential: string, fail: (message: string) => S3Error): Scope {
  const match = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/.exec(credential);
  if (!match) throw fail(`The credential ${credential.slice(0, 100)} is not <key>/<date>/<region>/s3/aws4_request.`);
  const [, accessKeyId, date, region] = match as unknown as [string, string, string, string];
  return { accessKeyId, date, region };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function credentialsFor(scope: Scope, token: string | undefined, lookup: CredentialLookup, now: number) {
  const credentials = lookup(scope.accessKeyId);
  if (!credentials) {
    throw new S3Error('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.');
  }
  if (token === undefined || !sameText(token, credentials.sessionToken)) {
    throw new S3Error('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.');
  }
  if (credentials.expiresAt <= now) throw new S3Error('ExpiredToken', 400, 'The provided token has expired.');
  return credentials;
}

function signerFor(credentials: IssuedCredentials, region: string): SignatureV4 {
  return new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretKey,
      sessionToken: credentials.sessionToken,
    },
    region,
    service: 's3',
    sha256: Sha256,
    // S3 signs the path as sent, without normalizing or encoding it again.
    uriEscapePath: false,
    applyChecksum: false,
  });
}

/** The request with only the headers the client signed: what its signer saw. */
function signedRequest(
  request: IncomingMessage,
  path: string,
  query: QueryParameterBag,
  signed: string[],
): HttpRequest {
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value === undefined) throw signatureMismatch();
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return { method: request.method ?? 'GET', protocol: 'http:', hostname: '', path, query, headers };
}

function signedHeaderList(list: string): string[] {
  const names = list.split(';');
  if (names.some((name) => !/^[a-z0-9-]+$/.test(name)) || !names.includes('host')) throw signatureMismatch();
  return names;
}

async function verifyHeaderSignature({ request, path, query, lookup, now }: Incoming): Promise<VerifiedRequest> {
  const authorization = String(request.headers.authorization);
  const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) {
    if (!authorization.startsWith(`${ALGORITHM} `)) {
      throw invalidRequest('Only AWS4-HMAC-SHA256 (Signature Version 4) is accepted.');
    }
    throw malformedAuthorization('The authorization header is malformed.');
  }
  const [, credential, signedList, signature] = match as unknown as [string, string, string, string];
  const scope = parseCredential(credential, malformedAuthorization);
  const amzDate = String(request.headers['x-amz-date']);
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw accessDenied('AWS authentication requires a valid x-amz-date header.');
  if (Math.abs(signingDate.getTime() - now) > MAX_CLOCK_SKEW_MS) {
    throw new S3Error(
      'RequestTimeTooSkewed',
      403,
      "The difference between the request time and the server's time is too large.",
    );
  }
  if (scope.date !== amzDate.slice(0, 8)) throw malformedAuthorization('The credential date is not the request date.');
  const token = request.headers['x-amz-security-token'];
  const credentials = credentialsFor(scope, Array.isArray(token) ? undefined : token, lookup, now);
  const signed = signedHeaderList(signedList);
  const payloadHash = request.headers[CONTENT_SHA256];
  if (typeof payloadHash !== 'string') {
    throw invalidRequest('Missing required header for this request: x-amz-content-sha256');
  }
  if (!signed.includes(CONTENT_SHA256)) throw signatureMismatch();
  if (
    payloadHash !== UNSIGNED_PAYLOAD &&
    payloadHash !== STREAMING_UNSIGNED_TRAILER &&
    !/^[0-9a-f]{64}$/.test(payloadHash)
  ) {
    if (payloadHash.startsWith('STREAMING-')) {
      throw notImplemented(
        `${payloadHash} is not supported; send STREAMING-UNSIGNED-PAYLOAD-TRAILER or a signed body.`,
      );
    }
    throw invalidArgument('x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a SHA-256 digest.');
  }
  const resigned = await signerFor(credentials, scope.region).sign(signedRequest(request, path, query, signed), {
    signingDate,
    signableHeaders: new Set(signed),
  });
  const expected = /SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(resigned.headers['authorization']));
  if (expected?.[1] !== signedList || !sameText(expected[2] ?? '', signature)) throw signatureMismatch();
  return { ...sessionOf(credentials), payloadHash };
}

async function verifyPresignedUrl({ request, path, query, lookup, now }: Incoming): Promise<VerifiedRequest> {
  const text = (name: string) => {
    const value = query[name];
    if (typeof value !== 'string') throw malformedQuery(`Query-string authentication requires ${name}, once.`);
    return value;
  };
  if (text('X-Amz-Algorithm') !== ALGORITHM) throw malformedQuery('X-Amz-Algorithm must be AWS4-HMAC-SHA256.');
  const scope = parseCredential(text('X-Amz-Credential'), malformedQuery);
  const signingDate = parseAmzDate(text('X-Amz-Date'));
  const expires = Number(text('X-Amz-Expires'));
  if (!signingDate || scope.date !== text('X-Amz-Date').slice(0, 8)) {
    throw malformedQuery('X-Amz-Date must be the credential date as YYYYMMDDTHHMMSSZ.');
  }
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_SECONDS) {
    throw malformedQuery('X-Amz-Expires must be a whole number of seconds from 1 to 604800.');
  }
  const signature = text('X-Amz-Signature');
  const signed = signedHeaderList(text('X-Amz-SignedHeaders'));
  const credentials = credentialsFor(scope, text('X-Amz-Security-Token'), lookup, now);
  if (now > signingDate.getTime() + expires * 1000) throw accessDenied('Request has expired');
  if (signingDate.getTime() - now > MAX_CLOCK_SKEW_MS) throw accessDenied('Request is not valid yet');
  const unsigned = { ...query };
  delete unsigned['X-Amz-Signature'];
  const toSign = signedRequest(request, path, unsigned, signed);
  // A presigned URL signs no body: S3 takes the payload hash to be UNSIGNED-PAYLOAD.
  toSign.headers[CONTENT_SHA256] = UNSIGNED_PAYLOAD;
  const onlyHeader = new Set([CONTENT_SHA256]);
  const resigned = await signerFor(credentials, scope.region).presign(toSign, {
    signingDate,
    expiresIn: expires,
    signableHeaders: new Set(signed),
    unsignableHeaders: onlyHeader,
    unhoistableHeaders: onlyHeader,
  });
  if (
    resigned.query?.['X-Amz-SignedHeaders'] !== text('X-Amz-SignedHeaders') ||
    !sameText(String(resigned.query['X-Amz-Signature']), signature)
  ) {
    throw signatureMismatch();
  }
  return {
    ...sessionOf(credentials),
    payloadHash: UNSIGNED_PAYLOAD,
  };
}

/**
 * Verifies a request's Signature Version 4, in the Authorization header or in a presigned URL's
 * query, by signing it again with @smithy/signature-v4 and the secret of the access key it names.
 */
export async function verifySignature(incoming: Incoming): Promise<VerifiedRequest> {
  const { request, query } = incoming;
  if (request.headers.authorization !== undefined) {
    if (query['X-Amz-Signature'] !== undefined) {
      throw invalidArgument('Only one auth mechanism allowed: the Authorization header or X-Amz-Signature.');
    }
    return verifyHeaderSignature(incoming);
  }
  if (query['X-Amz-Signature'] !== undefined || query['X-Amz-Credential'] !== undefined) {
    return verifyPresignedUrl(incoming);
  }
  throw accessDenied();
}
