import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

import { DEFAULT_BUCKET, DEFAULT_IDENTITY_POOL_ID } from '../src/config.ts';

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
export async function guest(port: number): Promise<GuestCredentials> {
  const client = identityClient(port);
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
  const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId }));
  const { AccessKeyId, SecretKey, SessionToken, Expiration } = Credentials ?? {};
  if (!IdentityId || !AccessKeyId || !SecretKey || !SessionToken || !Expiration) {
    throw new Error(`incomplete guest credentials: ${JSON.stringify(Credentials)}`);
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
