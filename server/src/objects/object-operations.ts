import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

import { assertAllowed, mayDelete, mayRead, mayWrite } from './access.ts';
import { headersToAnswer, headersToKeep } from './object-headers.ts';
import { receiveBody } from './receive-body.ts';
import { httpDate, quoted, type S3Call, type S3Context } from './s3-context.ts';
import { S3Error } from './s3-error.ts';

/** `If-None-Match: *` (Amplify's `preventOverwrite`): the write succeeds only if the key is free. */
export function assertMayCreate(context: S3Context, call: S3Call): void {
  if (call.request.headers['if-none-match'] === '*' && context.store.get(context.bucket, call.key)) {
    throw new S3Error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold');
  }
}

export const noSuchKey = () => new S3Error('NoSuchKey', 404, 'The specified key does not exist.');

export async function putObject(context: S3Context, call: S3Call): Promise<void> {
  assertAllowed(mayWrite(call, call.key));
  assertMayCreate(context, call);
  const headers = headersToKeep(call.request.headers);
  const body = await receiveBody(call.request, {
    tempDir: context.store.tempDir,
    maxBytes: context.maxObjectBytes,
    payloadHash: call.payloadHash,
  });
  const file = context.store.adopt(body.tempFile);
  context.store.put(context.bucket, {
    key: call.key,
    file,
    size: body.size,
    etag: body.md5Hex,
    headers,
    owner: call.identityId,
  });
  const echoed = Object.fromEntries(
    Object.entries(body.checksums).map(([name, value]) => [`x-amz-checksum-${name}`, value]),
  );
  call.response.writeHead(200, { etag: quoted(body.md5Hex), ...echoed }).end();
}

interface Range {
  start: number;
  end: number;
}

/** One `bytes=` range of RFC 9110, clamped to the object; undefined when absent or not one range. */
function parseRange(header: string | undefined, size: number): Range | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const unsatisfiable = new S3Error('InvalidRange', 416, 'The requested range is not satisfiable');
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) throw unsatisfiable;
  if (end < start) return undefined;
  return { start, end };
}

/** GetObject and HeadObject: the same headers, with the bytes only for GET. */
export async function getObject(context: S3Context, call: S3Call): Promise<void> {
  assertAllowed(mayRead(call, call.key));
  const object = context.store.get(context.bucket, call.key);
  if (!object) throw noSuchKey();
  const etag = quoted(object.etag);
  const lastModified = httpDate(object.lastModified);
  const headers: Record<string, string> = {
    ...headersToAnswer(object.headers, call.query),
    etag,
    'last-modified': lastModified,
    'accept-ranges': 'bytes',
  };
  const { request, response } = call;
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined && (ifNoneMatch === '*' || ifNoneMatch.split(/\s*,\s*/).includes(etag))) {
    response.writeHead(304, { etag, 'last-modified': lastModified }).end();
    return;
  }
  const ifMatch = request.headers['if-match'];
  if (ifMatch !== undefined && ifMatch !== '*' && !ifMatch.split(/\s*,\s*/).includes(etag)) {
    throw new S3Error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold');
  }
  const range = parseRange(request.headers.range, object.size);
  const length = range ? range.end - range.start + 1 : object.size;
  const partial = range ? { 'content-range': `bytes ${range.start}-${range.end}/${object.size}` } : {};
  if (request.method === 'HEAD') {
    response.writeHead(range ? 206 : 200, { ...headers, ...partial, 'content-length': String(length) }).end();
    return;
  }
  const stream = createReadStream(context.store.pathOf(object.file), range ?? {});
  // Opened before the headers go out, so a missing file is an error answer, not a cut response.
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  response.writeHead(range ? 206 : 200, { ...headers, ...partial, 'content-length': String(length) });
  // A client that stops reading (a cancelled download) ends the response; nothing to answer then.
  await pipeline(stream, response).catch(() => response.destroy());
}

export function deleteObject(context: S3Context, call: S3Call): void {
  assertAllowed(mayDelete(call, call.key));
  context.store.delete(context.bucket, call.key);
  call.response.writeHead(204).end();
}
