import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { readBody } from '../http/read-body.ts';
import { MAX_CONTROL_BODY_BYTES } from '../limits.ts';
import { assertAllowed, checkKey, mayRead, mayWrite } from './access.ts';
import { headersToKeep } from './object-headers.ts';
import { assertMayCreate, noSuchKey } from './object-operations.ts';
import type { StoredObject } from './object-store.ts';
import { isoDate, quoted, type S3Call, type S3Context } from './s3-context.ts';
import { invalidArgument, invalidRequest, notImplemented, S3Error } from './s3-error.ts';
import { sendXml } from './s3-response.ts';

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/**
 * The key `x-amz-copy-source` names: `bucket/key`, URL-encoded, with or without a leading slash.
 * Amplify Storage sends it unencoded; its keys have nothing to encode, so both read the same.
 */
function sourceKey(context: S3Context, raw: string): string {
  const [path = '', version] = raw.split(/\?(.*)/s, 2);
  if (version !== undefined) {
    if (!/^versionId=/.test(version)) throw invalidArgument('Unsupported copy source parameter.');
    throw notImplemented('This bucket keeps no versions: copy the current object without a versionId.');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    throw invalidArgument('Invalid copy source encoding.');
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey.');
  }
  if (decoded.slice(0, slash) !== context.bucket) {
    throw new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist');
  }
  const key = decoded.slice(slash + 1);
  checkKey(key);
  return key;
}

const preconditionFailed = () =>
  new S3Error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold');

/** The `x-amz-copy-source-if-*` conditions, as S3 combines them. */
function assertSourceConditions(headers: IncomingHttpHeaders, source: StoredObject): void {
  const etag = quoted(source.etag);
  const etagIn = (list: string) => list === '*' || list.split(/\s*,\s*/).includes(etag);
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const date = (name: string) => {
    const value = header(headers, name);
    const ms = value === undefined ? NaN : Date.parse(value);
    return Number.isNaN(ms) ? undefined : seconds(ms);
  };
  const ifMatch = header(headers, 'x-amz-copy-source-if-match');
  const ifNoneMatch = header(headers, 'x-amz-copy-source-if-none-match');
  const unmodifiedSince = date('x-amz-copy-source-if-unmodified-since');
  const modifiedSince = date('x-amz-copy-source-if-modified-since');
  const modified = seconds(source.lastModified);
  // A matching If-Match outweighs If-Unmodified-Since, and a failing If-None-Match outweighs If-Modified-Since.
  if (ifMatch !== undefined ? !etagIn(ifMatch) : unmodifiedSince !== undefined && modified > unmodifiedSince) {
    throw preconditionFailed();
  }
  if (ifNoneMatch !== undefined ? etagIn(ifNoneMatch) : modifiedSince !== undefined && modified <= modifiedSince) {
    throw preconditionFailed();
  }
}

function directive(headers: IncomingHttpHeaders, name: string): 'COPY' | 'REPLACE' {
  const value = header(headers, name) ?? 'COPY';
  if (value !== 'COPY' && value !== 'REPLACE') throw invalidArgument(`Unknown ${name} value: ${value.slice(0, 40)}`);
  return value;
}

/** The source's bytes in a new fsynced temporary file, and their MD5. */
async function copyBytes(context: S3Context, source: StoredObject): Promise<{ tempFile: string; md5Hex: string }> {
  const tempFile = join(context.store.tempDir, randomUUID());
  const md5 = createHash('md5');
  const output = createWriteStream(tempFile, { flags: 'wx', flush: true });
  try {
    await pipeline(
      createReadStream(context.store.pathOf(source.file)),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          md5.update(chunk);
          done(null, chunk);
        },
      }),
      output,
    );
    return { tempFile, md5Hex: md5.digest('hex') };
  } catch (error) {
    if (!output.closed) await new Promise<void>((resolve) => output.once('close', () => resolve()));
    rmSync(tempFile, { force: true });
    throw error;
  }
}

/**
 * CopyObject: a PUT with `x-amz-copy-source`. As on S3, the caller needs s3:GetObject on the source
 * and s3:PutObject on the destination; the copy keeps the source's content headers and metadata
 * (`x-amz-metadata-directive: COPY`, the default) or takes the request's (`REPLACE`). This store
 * keeps no checksums beside the ETag, so none is copied; a copy is one part, so its ETag is the
 * MD5 of its bytes even when the source was a multipart upload.
 */
export async function copyObject(context: S3Context, call: S3Call): Promise<void> {
  const { headers } = call.request;
  const key = sourceKey(context, header(headers, 'x-amz-copy-source') ?? '');
  assertAllowed(mayRead(call, key) && mayWrite(call, call.key));
  const metadata = directive(headers, 'x-amz-metadata-directive');
  // Tags are not kept by this store: copying them or replacing them with none is the same.
  directive(headers, 'x-amz-tagging-directive');
  if (header(headers, 'x-amz-tagging')) throw notImplemented('This bucket keeps no object tags.');
  const body = await readBody(call.request, MAX_CONTROL_BODY_BYTES);
  if (body === 'too-large' || body.length > 0) throw invalidRequest('A CopyObject request has no body.');
  const source = context.store.get(context.bucket, key);
  if (!source) throw noSuchKey();
  assertSourceConditions(headers, source);
  if (key === call.key && metadata === 'COPY') {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  assertMayCreate(context, call);
  const { tempFile, md5Hex } = await copyBytes(context, source);
  const stored = context.store.put(context.bucket, {
    key: call.key,
    file: context.store.adopt(tempFile),
    size: source.size,
    etag: md5Hex,
    headers: metadata === 'COPY' ? source.headers : headersToKeep(headers),
    owner: call.identityId,
  });
  sendXml(call.response, 200, 'CopyObjectResult', {
    ETag: quoted(stored.etag),
    LastModified: isoDate(stored.lastModified),
  });
}
