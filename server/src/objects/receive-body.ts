import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { AwsChunkedDecoder } from './aws-chunked.ts';
import { type Checksum, CHECKSUMS } from './checksums.ts';
import { badDigest, entityTooLarge, invalidArgument, invalidRequest, notImplemented, S3Error } from './s3-error.ts';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** A request body written to a temporary file, fsynced, with what S3 derives from it. */
export interface ReceivedBody {
  tempFile: string;
  size: number;
  md5Hex: string;
  /** Checksums the client sent and that matched, by algorithm (`crc32`, ...), base64. */
  checksums: Record<string, string>;
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

function declaredLength(headers: IncomingHttpHeaders, chunked: boolean): number | undefined {
  const raw = chunked ? header(headers, 'x-amz-decoded-content-length') : header(headers, 'content-length');
  if (raw === undefined) {
    if (chunked) throw new S3Error('MissingContentLength', 411, 'You must provide the Content-Length HTTP header.');
    return undefined;
  }
  if (!/^\d{1,15}$/.test(raw)) throw invalidArgument(`The length ${raw.slice(0, 20)} is not a number.`);
  return Number(raw);
}

/** Headers under the checksum prefix that name no checksum value. */
const NOT_CHECKSUMS = new Set(['x-amz-checksum-type', 'x-amz-checksum-algorithm', 'x-amz-checksum-mode']);

interface Announced {
  algorithm: string;
  name: string;
  checksum: Checksum;
  inTrailer: boolean;
}

/** The `x-amz-checksum-*` algorithm named in headers or announced as a trailer, if any. */
function checksumAlgorithm(headers: IncomingHttpHeaders): Announced | undefined {
  const trailer = header(headers, 'x-amz-trailer')?.trim().toLowerCase();
  const names = Object.keys(headers).filter((name) => name.startsWith('x-amz-checksum-') && !NOT_CHECKSUMS.has(name));
  if (trailer && names.length > 0)
    throw invalidRequest('Send a checksum either as a header or as a trailer, not both.');
  const name = trailer ?? names[0];
  if (!name) return undefined;
  if (names.length > 1) throw invalidRequest('Expecting a single x-amz-checksum- header.');
  const algorithm = /^x-amz-checksum-([a-z0-9]+)$/.exec(name)?.[1] ?? '';
  const known = Object.hasOwn(CHECKSUMS, algorithm) ? CHECKSUMS[algorithm] : undefined;
  if (!known) throw notImplemented(`This server verifies CRC32, CRC32C, SHA1 and SHA256 checksums, not ${name}.`);
  return { algorithm, name: known.name, checksum: known.create(), inTrailer: Boolean(trailer) };
}

/**
 * Streams the body of a PutObject or UploadPart into `tempDir`, checking as it goes what the client
 * declared: the size limit, the signed SHA-256 (x-amz-content-sha256), Content-MD5 and one
 * x-amz-checksum-*. The file is removed on any failure.
 */
export async function receiveBody(
  request: IncomingMessage,
  options: { tempDir: string; maxBytes: number; payloadHash: string },
): Promise<ReceivedBody> {
  const { headers } = request;
  const chunked = options.payloadHash === STREAMING_UNSIGNED_TRAILER;
  if (!chunked && /(^|,)\s*aws-chunked\s*(,|$)/i.test(header(headers, 'content-encoding') ?? '')) {
    throw notImplemented('aws-chunked bodies are accepted with STREAMING-UNSIGNED-PAYLOAD-TRAILER only.');
  }
  const declared = declaredLength(headers, chunked);
  if (declared === undefined && !chunked && header(headers, 'transfer-encoding') === undefined) {
    throw new S3Error('MissingContentLength', 411, 'You must provide the Content-Length HTTP header.');
  }
  if (declared !== undefined && declared > options.maxBytes) throw entityTooLarge(options.maxBytes);
  const md5Header = header(headers, 'content-md5');
  if (md5Header !== undefined && !/^[A-Za-z0-9+/]{22}==$/.test(md5Header)) {
    throw new S3Error('InvalidDigest', 400, 'The Content-MD5 you specified is not valid.');
  }
  const announced = checksumAlgorithm(headers);

  const md5 = createHash('md5');
  const sha256 = /^[0-9a-f]{64}$/.test(options.payloadHash) ? createHash('sha256') : undefined;
  const checksum = announced?.checksum;
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > options.maxBytes) return done(entityTooLarge(options.maxBytes));
      md5.update(chunk);
      sha256?.update(chunk);
      checksum?.update(chunk);
      done(null, chunk);
    },
  });
  const tempFile = join(options.tempDir, randomUUID());
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  const file = createWriteStream(tempFile, { flags: 'wx', flush: true });
  try {
    if (decoder) await pipeline(request, decoder, measure, file);
    else await pipeline(request, measure, file);
    if (declared !== undefined && size !== declared) {
      throw new S3Error(
        'IncompleteBody',
        400,
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      );
    }
    if (sha256 && sha256.digest('hex') !== options.payloadHash) {
      throw new S3Error(
        'XAmzContentSHA256Mismatch',
        400,
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
    const md5Digest = md5.digest();
    if (md5Header !== undefined && md5Digest.toString('base64') !== md5Header) throw badDigest('Content-MD5');
    const checksums: Record<string, string> = {};
    if (announced) {
      const name = `x-amz-checksum-${announced.algorithm}`;
      const expected = announced.inTrailer ? decoder?.trailers.get(name) : header(headers, name);
      if (expected === undefined) throw invalidRequest(`The trailer ${name} was announced but not sent.`);
      const actual = announced.checksum.digest();
      if (actual !== expected) throw badDigest(announced.name);
      checksums[announced.algorithm] = actual;
    }
    return { tempFile, size, md5Hex: md5Digest.toString('hex'), checksums };
  } catch (error) {
    // A failed pipeline may still be opening the file: removed once it is closed, or it would stay.
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
    rmSync(tempFile, { force: true });
    if (error instanceof S3Error) throw error;
    throw new S3Error('IncompleteBody', 400, 'The request body could not be read to its end.');
  }
}
