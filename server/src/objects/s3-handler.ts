import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

import { corsHeadersFor } from '../http/cors.ts';
import { describeError, log } from '../log.ts';
import { checkKey } from './access.ts';
import { copyObject } from './copy-object.ts';
import { listObjectsV2 } from './list-objects.ts';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listParts,
  uploadPart,
} from './multipart-operations.ts';
import { deleteObject, getObject, putObject } from './object-operations.ts';
import type { S3Call, S3Context } from './s3-context.ts';
import { notImplemented, S3Error } from './s3-error.ts';
import { sendS3Error } from './s3-response.ts';
import { type CredentialLookup, parseQuery, verifySignature } from './verify-signature.ts';

/** The S3 subset answers path-style requests under this prefix: `/s3/<bucket>/<key>`. */
export const S3_PATH_PREFIX = '/s3';

export interface S3HandlerOptions extends S3Context {
  credentials: CredentialLookup;
  corsOrigins: readonly string[];
  now(): number;
}

/** What an S3 bucket made by the Amplify CLI allows from a browser (its CORS rule). */
const BUCKET_CORS = {
  methods: 'GET, HEAD, PUT, POST, DELETE',
  exposed: 'x-amz-server-side-encryption, x-amz-request-id, x-amz-id-2, ETag, x-amz-checksum-crc32',
  maxAgeSeconds: 3000,
};

type Operation = (context: S3Context, call: S3Call) => void | Promise<void>;

/** The operation a method, query and headers name, as S3 tells them apart. */
function operationFor(method: string, key: string, query: S3Call['query'], headers: IncomingHttpHeaders): Operation {
  const has = (name: string) => query[name] !== undefined;
  if (key === '') {
    if (method === 'GET' && query['list-type'] === '2') return listObjectsV2;
    throw notImplemented('Only ListObjectsV2 (list-type=2) is supported on the bucket.');
  }
  const copies = headers['x-amz-copy-source'] !== undefined;
  if (method === 'PUT' && (has('uploadId') || has('partNumber'))) {
    if (copies) throw notImplemented('UploadPartCopy is not supported: copy whole objects with CopyObject.');
    return uploadPart;
  }
  if (method === 'PUT') return copies ? copyObject : putObject;
  if (method === 'POST' && has('uploads')) return createMultipartUpload;
  if (method === 'POST' && has('uploadId')) return completeMultipartUpload;
  if (method === 'DELETE') return has('uploadId') ? abortMultipartUpload : deleteObject;
  if (method === 'GET' && has('uploadId')) return listParts;
  if (method === 'GET' || method === 'HEAD') return getObject;
  throw new S3Error('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.');
}

/** `/s3/<bucket>/<key>` → bucket and decoded key; the raw path is what was signed. */
function target(rawPath: string): { bucket: string; key: string } {
  const rest = rawPath.slice(S3_PATH_PREFIX.length + 1);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  let key: string;
  try {
    key = slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1));
  } catch {
    throw new S3Error('InvalidURI', 400, "Couldn't parse the specified URI.");
  }
  return { bucket, key };
}

export function createS3Handler(options: S3HandlerOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const [rawPath = '', rawQuery = ''] = (request.url ?? '').split(/\?(.*)/s, 2);
    const cors = corsHeadersFor(request, options.corsOrigins, BUCKET_CORS);
    for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
    response.setHeader('x-amz-request-id', String(response.getHeader('x-amzn-RequestId') ?? ''));
    if (request.method === 'OPTIONS') {
      response.writeHead(Object.keys(cors).length ? 200 : 403).end();
      return;
    }
    let resource = rawPath.slice(S3_PATH_PREFIX.length);
    try {
      const { bucket, key } = target(rawPath);
      resource = `/${bucket}/${key}`;
      if (bucket !== options.bucket) throw new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist');
      if (key !== '') checkKey(key);
      const query = parseQuery(rawQuery);
      const operation = operationFor(request.method ?? 'GET', key, query, request.headers);
      const verified = await verifySignature({
        request,
        path: rawPath,
        query,
        lookup: options.credentials,
        now: options.now(),
      });
      await operation(options, { request, response, key, query, ...verified });
    } catch (error) {
      if (!(error instanceof S3Error)) {
        log('error', 'S3 request failed', describeError(error));
      }
      sendS3Error(
        request,
        response,
        error instanceof S3Error
          ? error
          : new S3Error('InternalError', 500, 'We encountered an internal error. Please try again.'),
        resource,
      );
      // Whatever of the body is still coming is not read; the connection closes after the answer.
      if (!request.complete) request.resume();
    }
  };
}
