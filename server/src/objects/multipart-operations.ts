import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { readBody } from '../http/read-body.ts';
import { MAX_CONTROL_BODY_BYTES, MAX_LIST_KEYS, MAX_UPLOAD_PARTS, MIN_UPLOAD_PART_BYTES } from '../limits.ts';
import { assertAllowed, mayWrite } from './access.ts';
import { headersToKeep } from './object-headers.ts';
import { assertMayCreate } from './object-operations.ts';
import type { Part, Upload } from './object-store.ts';
import { receiveBody } from './receive-body.ts';
import { isoDate, quoted, type S3Call, type S3Context } from './s3-context.ts';
import { entityTooLarge, invalidArgument, noSuchUpload, S3Error } from './s3-error.ts';
import { sendXml } from './s3-response.ts';
import { parseCompleteMultipartUpload } from './xml.ts';

export function createMultipartUpload(context: S3Context, call: S3Call): void {
  assertAllowed(mayWrite(call, call.key));
  const upload = context.store.createUpload({
    bucket: context.bucket,
    key: call.key,
    owner: call.identityId,
    headers: headersToKeep(call.request.headers),
  });
  sendXml(call.response, 200, 'InitiateMultipartUploadResult', {
    Bucket: context.bucket,
    Key: call.key,
    UploadId: upload.uploadId,
  });
}

/** The upload the call names, if it is this key's and its caller's. */
function uploadOf(context: S3Context, call: S3Call): Upload {
  assertAllowed(mayWrite(call, call.key));
  const uploadId = call.query['uploadId'];
  const upload = typeof uploadId === 'string' ? context.store.upload(uploadId) : undefined;
  if (!upload || upload.bucket !== context.bucket || upload.key !== call.key) throw noSuchUpload();
  if (upload.owner !== call.identityId) throw new S3Error('AccessDenied', 403, 'Access Denied');
  return upload;
}

function partNumber(raw: unknown): number {
  const number = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(number >= 1 && number <= MAX_UPLOAD_PARTS)) {
    throw invalidArgument(`Part number must be an integer between 1 and ${MAX_UPLOAD_PARTS}, inclusive`);
  }
  return number;
}

export async function uploadPart(context: S3Context, call: S3Call): Promise<void> {
  const number = partNumber(call.query['partNumber']);
  const upload = uploadOf(context, call);
  const body = await receiveBody(call.request, {
    tempDir: context.store.tempDir,
    maxBytes: context.maxObjectBytes,
    payloadHash: call.payloadHash,
  });
  const file = context.store.adopt(body.tempFile);
  const stored = context.store.putPart(upload.uploadId, {
    partNumber: number,
    file,
    size: body.size,
    etag: body.md5Hex,
  });
  if (!stored) throw noSuchUpload();
  const echoed = Object.fromEntries(
    Object.entries(body.checksums).map(([name, value]) => [`x-amz-checksum-${name}`, value]),
  );
  call.response.writeHead(200, { etag: quoted(body.md5Hex), ...echoed }).end();
}

/** The stored parts the CompleteMultipartUpload body lists, checked as S3 checks them. */
function partsToJoin(context: S3Context, upload: Upload, listed: { partNumber: number; etag: string }[]): Part[] {
  const stored = new Map(context.store.parts(upload.uploadId).map((part) => [part.partNumber, part]));
  let previous = 0;
  const parts = listed.map(({ partNumber: number, etag }) => {
    if (number <= previous) {
      throw new S3Error(
        'InvalidPartOrder',
        400,
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
      );
    }
    previous = number;
    const part = stored.get(number);
    if (!part || part.etag !== etag) {
      throw new S3Error(
        'InvalidPart',
        400,
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      );
    }
    return part;
  });
  parts.slice(0, -1).forEach((part) => {
    if (part.size < MIN_UPLOAD_PART_BYTES) {
      throw new S3Error('EntityTooSmall', 400, 'Your proposed upload is smaller than the minimum allowed object size.');
    }
  });
  if (parts.reduce((sum, part) => sum + part.size, 0) > context.maxObjectBytes)
    throw entityTooLarge(context.maxObjectBytes);
  return parts;
}

/** The parts one after another in a new temporary file, fsynced. */
async function joinParts(context: S3Context, parts: Part[]): Promise<string> {
  const tempFile = join(context.store.tempDir, randomUUID());
  const output = createWriteStream(tempFile, { flags: 'wx', flush: true });
  try {
    await pipeline(async function* () {
      for (const part of parts) yield* createReadStream(context.store.pathOf(part.file));
    }, output);
    return tempFile;
  } catch (error) {
    if (!output.closed) await new Promise<void>((resolve) => output.once('close', () => resolve()));
    rmSync(tempFile, { force: true });
    throw error;
  }
}

export async function completeMultipartUpload(context: S3Context, call: S3Call): Promise<void> {
  const upload = uploadOf(context, call);
  const body = await readBody(call.request, MAX_CONTROL_BODY_BYTES);
  if (body === 'too-large') throw new S3Error('MaxMessageLengthExceeded', 400, 'Your request was too big.');
  if (/^[0-9a-f]{64}$/.test(call.payloadHash) && createHash('sha256').update(body).digest('hex') !== call.payloadHash) {
    throw new S3Error(
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const parts = partsToJoin(context, upload, parseCompleteMultipartUpload(body.toString('utf8')));
  assertMayCreate(context, call);
  const tempFile = await joinParts(context, parts);
  const md5s = createHash('md5');
  for (const part of parts) md5s.update(Buffer.from(part.etag, 'hex'));
  const etag = `${md5s.digest('hex')}-${parts.length}`;
  const file = context.store.adopt(tempFile);
  const object = {
    key: call.key,
    file,
    size: parts.reduce((sum, part) => sum + part.size, 0),
    etag,
    headers: upload.headers,
    owner: call.identityId,
  };
  if (!context.store.endUpload(upload.uploadId, context.bucket, object)) throw noSuchUpload();
  sendXml(call.response, 200, 'CompleteMultipartUploadResult', {
    Location: `/${context.bucket}/${call.key}`,
    Bucket: context.bucket,
    Key: call.key,
    ETag: quoted(etag),
  });
}

export function abortMultipartUpload(context: S3Context, call: S3Call): void {
  const upload = uploadOf(context, call);
  if (!context.store.endUpload(upload.uploadId, context.bucket)) throw noSuchUpload();
  call.response.writeHead(204).end();
}

export function listParts(context: S3Context, call: S3Call): void {
  const upload = uploadOf(context, call);
  const markerRaw = call.query['part-number-marker'];
  const marker = markerRaw === undefined ? 0 : Number(markerRaw);
  const maxRaw = call.query['max-parts'];
  const maxParts = maxRaw === undefined ? MAX_LIST_KEYS : Number(maxRaw);
  if (!Number.isInteger(marker) || marker < 0 || !Number.isInteger(maxParts) || maxParts < 0) {
    throw invalidArgument('part-number-marker and max-parts must be whole numbers.');
  }
  const limit = Math.min(maxParts, MAX_LIST_KEYS);
  const page = context.store.parts(upload.uploadId, marker, limit + 1);
  const truncated = page.length > limit;
  const parts = page.slice(0, limit);
  sendXml(call.response, 200, 'ListPartsResult', {
    Bucket: context.bucket,
    Key: call.key,
    UploadId: upload.uploadId,
    PartNumberMarker: marker,
    NextPartNumberMarker: parts.at(-1)?.partNumber ?? marker,
    MaxParts: limit,
    IsTruncated: truncated,
    Part: parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: isoDate(part.lastModified),
      ETag: quoted(part.etag),
      Size: part.size,
    })),
    Initiator: { ID: upload.owner, DisplayName: upload.owner },
    Owner: { ID: upload.owner, DisplayName: upload.owner },
    StorageClass: 'STANDARD',
  });
}
