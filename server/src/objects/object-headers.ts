import type { IncomingHttpHeaders } from 'node:http';

import type { ObjectHeaders } from './object-store.ts';
import { invalidArgument } from './s3-error.ts';

const KEPT = ['content-type', 'content-disposition', 'content-language', 'cache-control', 'expires'];
/** What GetObject's `response-*` query parameters override, as on S3. */
const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-content-language': 'content-language',
  'response-cache-control': 'cache-control',
  'response-expires': 'expires',
  'response-content-encoding': 'content-encoding',
};

/** The headers of a PutObject or CreateMultipartUpload that the object keeps. */
export function headersToKeep(headers: IncomingHttpHeaders): ObjectHeaders {
  const kept: ObjectHeaders = { 'content-type': 'binary/octet-stream' };
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') continue;
    if (KEPT.includes(name) || name.startsWith('x-amz-meta-')) kept[name] = value;
  }
  // aws-chunked describes the request's framing, not the object.
  const encoding = headers['content-encoding']
    ?.split(',')
    .map((part) => part.trim())
    .filter((part) => part && part.toLowerCase() !== 'aws-chunked')
    .join(', ');
  if (encoding) kept['content-encoding'] = encoding;
  return kept;
}

/** The stored headers with any `response-*` overrides of the query applied. */
export function headersToAnswer(stored: ObjectHeaders, query: Record<string, unknown>): ObjectHeaders {
  const answer = { ...stored };
  for (const [parameter, header] of Object.entries(OVERRIDES)) {
    const value = query[parameter];
    if (typeof value !== 'string') continue;

    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw invalidArgument(`${parameter} must be printable Latin-1 text.`);
    answer[header] = value;
  }
  return answer;
}
