import type { IncomingMessage, ServerResponse } from 'node:http';

import type { QueryParameterBag } from '@smithy/types';

import type { IdentityRole } from '../identity/role-mapping.ts';
import type { ObjectStore } from './object-store.ts';

/** What every S3 operation works with. */
export interface S3Context {
  bucket: string;
  store: ObjectStore;
  maxObjectBytes: number;
}

/** One verified request to a key (or to the bucket, with an empty key). */
export interface S3Call {
  request: IncomingMessage;
  response: ServerResponse;
  key: string;
  query: QueryParameterBag;
  identityId: string;
  /** The role the signer's credentials are for, and their principal tags. */
  role: IdentityRole;
  tags: Readonly<Record<string, string>>;
  payloadHash: string;
}

export const quoted = (etag: string) => `"${etag}"`;
export const httpDate = (ms: number) => new Date(ms).toUTCString();
export const isoDate = (ms: number) => new Date(ms).toISOString();
