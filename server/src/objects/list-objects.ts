import { MAX_LIST_KEYS } from '../limits.ts';
import { assertAllowed, mayList } from './access.ts';
import type { StoredObject } from './object-store.ts';
import { isoDate, quoted, type S3Call, type S3Context } from './s3-context.ts';
import { invalidArgument } from './s3-error.ts';
import { sendXml } from './s3-response.ts';
import type { XmlElement } from './xml.ts';

/** Where a listing resumes: after `after`, skipping the keys under it when it was a common prefix. */
interface Cursor {
  after: string;
  prefix: boolean;
}

const encodeToken = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeToken(token: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof cursor.after === 'string' && typeof cursor.prefix === 'boolean') return cursor as Cursor;
  } catch {
    // falls through to the error below
  }
  throw invalidArgument('The continuation token provided is incorrect');
}

function text(query: S3Call['query'], name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw invalidArgument(`${name} may be given once.`);
  return value ?? undefined;
}

function maxKeys(raw: string | undefined): number {
  if (raw === undefined) return MAX_LIST_KEYS;
  if (!/^\d{1,9}$/.test(raw)) throw invalidArgument('Provided max-keys not an integer or within integer range');
  return Math.min(Number(raw), MAX_LIST_KEYS);
}

/** `encoding-type=url`: names as S3 encodes them, slashes kept. */
const urlEncode = (name: string) => encodeURIComponent(name).replace(/%2F/g, '/');

/** ListObjectsV2: keys under `prefix` in UTF-8 byte order, rolled up at `delimiter`, one page at a time. */
export function listObjectsV2(context: S3Context, call: S3Call): void {
  const prefix = text(call.query, 'prefix') ?? '';
  assertAllowed(mayList(call, prefix));
  const delimiter = text(call.query, 'delimiter') ?? '';
  const limit = maxKeys(text(call.query, 'max-keys'));
  const token = text(call.query, 'continuation-token');
  const startAfter = text(call.query, 'start-after') ?? '';
  const encoding = text(call.query, 'encoding-type');
  if (encoding !== undefined && encoding !== 'url')
    throw invalidArgument('Invalid Encoding Method specified in Request');
  const cursor = token !== undefined ? decodeToken(token) : { after: startAfter, prefix: false };
  const name = encoding === 'url' ? urlEncode : (value: string) => value;

  const contents: StoredObject[] = [];
  const commonPrefixes: string[] = [];
  let last: Cursor | undefined;
  let truncated = false;
  for (const object of context.store.keysAfter(context.bucket, prefix, cursor.after)) {
    if (cursor.prefix && object.key.startsWith(cursor.after)) continue;
    const cut = delimiter ? object.key.indexOf(delimiter, prefix.length) : -1;
    const rolledUp = cut >= 0 ? object.key.slice(0, cut + delimiter.length) : undefined;
    if (rolledUp !== undefined && last?.prefix && last.after === rolledUp) continue;
    if (contents.length + commonPrefixes.length >= limit) {
      truncated = true;
      break;
    }
    if (rolledUp !== undefined) commonPrefixes.push(rolledUp);
    else contents.push(object);
    last = { after: rolledUp ?? object.key, prefix: rolledUp !== undefined };
  }
  const result: XmlElement = {
    Name: context.bucket,
    Prefix: name(prefix),
    ContinuationToken: token,
    NextContinuationToken: truncated && last ? encodeToken(last) : undefined,
    StartAfter: token === undefined && startAfter ? name(startAfter) : undefined,
    KeyCount: contents.length + commonPrefixes.length,
    MaxKeys: limit,
    Delimiter: delimiter ? name(delimiter) : undefined,
    EncodingType: encoding,
    IsTruncated: truncated && last !== undefined,
    Contents: contents.map((object) => ({
      Key: name(object.key),
      LastModified: isoDate(object.lastModified),
      ETag: quoted(object.etag),
      Size: object.size,
      StorageClass: 'STANDARD',
    })),
    CommonPrefixes: commonPrefixes.map((common) => ({ Prefix: name(common) })),
  };
  sendXml(call.response, 200, 'ListBucketResult', result);
}
