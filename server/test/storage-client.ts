import { createHash } from 'node:crypto';

import { Sha256 } from '@aws-crypto/sha256-js';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';

import { DEFAULT_BUCKET, DEFAULT_IDENTITY_POOL_ID, readConfig } from '../src/config.ts';

export const BUCKET = DEFAULT_BUCKET;
export const POOL_ID = DEFAULT_IDENTITY_POOL_ID;
export const REGION = 'us-east-1';

export interface GuestCredentials {
  identityId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export function identityClient(port: number): CognitoIdentityClient {
  return new CognitoIdentityClient({
    region: REGION,
    endpoint: `http://127.0.0.1:${port}/cognito-identity`,
    maxAttempts: 1,
  });
}

/** A guest as Amplify makes one: GetId for the pool, then GetCredentialsForIdentity, with the real SDK client. */
export function guest(port: number): Promise<GuestCredentials> {
  return identityCredentials(port);
}

/**
 * A signed-in user's identity as Amplify gets one: the same two calls, with the user's ID token in
 * `Logins` under the user pool's provider name (its issuer without the scheme).
 */
export function signedInIdentity(server: { url: string; port: number }, idToken: string): Promise<GuestCredentials> {
  const provider = `${server.url.replace(/^\w+:\/\//, '')}cognito-idp/${readConfig({}, []).userPool.poolId}`;
  return identityCredentials(server.port, { [provider]: idToken });
}

async function identityCredentials(port: number, Logins?: Record<string, string>): Promise<GuestCredentials> {
  const client = identityClient(port);
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID, Logins }));
  const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  const { AccessKeyId, SecretKey, SessionToken, Expiration } = Credentials ?? {};
  if (!IdentityId || !AccessKeyId || !SecretKey || !SessionToken || !Expiration) {
    throw new Error(`incomplete credentials: ${JSON.stringify(Credentials)}`);
  }
  return {
    identityId: IdentityId,
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretKey,
    sessionToken: SessionToken,
    expiration: Expiration,
  };
}

/** The real S3 client, path-style against the server's /s3 prefix, without retries (failures are the point). */
export function s3Client(port: number, credentials: GuestCredentials, config: S3ClientConfig = {}): S3Client {
  return new S3Client({
    region: REGION,
    endpoint: `http://127.0.0.1:${port}/s3`,
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    ...config,
  });
}

/** Bytes that differ at every offset, so a range or a join off by one shows. */
export function pattern(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** 'ok', or the status and error name of a refused SDK call (S3 or Cognito Identity). */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === undefined) throw error;
    return `${status} ${(error as Error).name}`;
  }
}

export interface RawS3Request {
  method: string;
  /** The path after the bucket, as sent (already percent-encoded). */
  key: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer<ArrayBuffer> | string;
  /** x-amz-content-sha256; the body's SHA-256 when left out. */
  payloadHash?: string;
  bucket?: string;
}

/** A request signed as an SDK signs it (S3's SigV4 rules), for the requests an SDK will not send. */
export async function signRaw(
  port: number,
  credentials: GuestCredentials,
  raw: RawS3Request,
): Promise<{ url: string; init: RequestInit }> {
  const host = `127.0.0.1:${port}`;
  const path = `/s3/${raw.bucket ?? BUCKET}/${raw.key}`;
  const body = raw.body ?? '';
  const payloadHash = raw.payloadHash ?? createHash('sha256').update(body).digest('hex');
  const signer = new SignatureV4({ credentials, region: REGION, service: 's3', sha256: Sha256, uriEscapePath: false });
  const signed = await signer.sign({
    method: raw.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    query: raw.query ?? {},
    headers: { host, 'x-amz-content-sha256': payloadHash, ...raw.headers },
  });
  const search = new URLSearchParams(raw.query ?? {}).toString().replace(/\+/g, '%20');
  const headers = { ...signed.headers };
  delete headers['host'];
  return {
    url: `http://${host}${path}${search ? `?${search}` : ''}`,
    init: { method: raw.method, headers, ...(raw.method === 'GET' || raw.method === 'HEAD' ? {} : { body }) },
  };
}
