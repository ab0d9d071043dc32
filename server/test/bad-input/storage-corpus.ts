import { createHash } from 'node:crypto';

import { DEFAULT_IDENTITY_POOL_ID } from '../../src/config.ts';
import { type GuestCredentials, type RawS3Request, signRaw } from '../storage-client.ts';

/** What the S3 or Cognito Identity subset must answer: S3's error code, or Cognito's `__type`. */
export type StorageExpect = { status: number; code: string } | { status: number; type: string };

export interface StorageCase {
  name: string;
  request(): Promise<{ url: string; init: RequestInit }>;
  expect: StorageExpect;
}

export interface StorageCorpusOptions {
  port: number;
  /** A signed-in user whose credentials are valid, and another identity's id. */
  me: GuestCredentials;
  otherIdentityId: string;
  /** An upload of `public/crews/north/upload.jpg` started by `me`, left open; `public/crews/north/kept.jpg` exists. */
  uploadId: string;
  maxObjectBytes: number;
  maxControlBytes: number;
}

const s3Error = (status: number, code: string): StorageExpect => ({ status, code });

export function buildStorageCorpus(options: StorageCorpusOptions): StorageCase[] {
  const { port, me, uploadId } = options;
  const signed = (name: string, raw: RawS3Request, expect: StorageExpect, change?: (init: RequestInit) => void) => ({
    name,
    expect,
    request: async () => {
      const request = await signRaw(port, me, raw);
      change?.(request.init);
      return request;
    },
  });
  const headers = (init: RequestInit) => init.headers as Record<string, string>;
  const authorization = (change: (value: string) => string) => (init: RequestInit) => {
    headers(init)['authorization'] = change(headers(init)['authorization'] ?? '');
  };
  const complete = (name: string, body: string, expect = s3Error(400, 'MalformedXML')) =>
    signed(name, { method: 'POST', key: 'public/crews/north/upload.jpg', query: { uploadId }, body }, expect);
  const validXml =
    '<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><ETag>"0123"</ETag><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>';

  const xml = [
    complete('CompleteMultipartUpload with an empty body', ''),
    complete('CompleteMultipartUpload with text', 'not xml at all'),
    complete('CompleteMultipartUpload with JSON', '{"Parts":[{"PartNumber":1,"ETag":"x"}]}'),
    complete('CompleteMultipartUpload with no parts', '<CompleteMultipartUpload></CompleteMultipartUpload>'),
    complete('CompleteMultipartUpload with another root', '<Delete><Part><PartNumber>1</PartNumber></Part></Delete>'),
    complete(
      'CompleteMultipartUpload with a part without ETag',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
    ),
    complete(
      'CompleteMultipartUpload with a non-numeric part number',
      '<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
    ),
    complete(
      'CompleteMultipartUpload with an unknown element',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag><Size>5</Size></Part></CompleteMultipartUpload>',
    ),
    complete(
      'CompleteMultipartUpload with an entity declaration',
      '<!DOCTYPE x [<!ENTITY big "aaaaaaaa">]><CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&big;</ETag></Part></CompleteMultipartUpload>',
    ),
    complete(
      'CompleteMultipartUpload with an unknown entity',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&big;</ETag></Part></CompleteMultipartUpload>',
    ),
    complete(
      'CompleteMultipartUpload with a comment',
      '<CompleteMultipartUpload><!-- x --><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
    ),
    ...[10, 60, 120, validXml.length - 1].map((cut) =>
      complete(`CompleteMultipartUpload cut at ${cut}/${validXml.length}`, validXml.slice(0, cut)),
    ),
    complete(
      'CompleteMultipartUpload over the body limit',
      `<CompleteMultipartUpload>${'<Part><PartNumber>1</PartNumber><ETag>x</ETag></Part>'.repeat(
        Math.ceil(options.maxControlBytes / 50),
      )}</CompleteMultipartUpload>`,
      s3Error(400, 'MaxMessageLengthExceeded'),
    ),
    complete('CompleteMultipartUpload naming a part never sent', validXml, s3Error(400, 'InvalidPart')),
  ];

  const tooBig = Buffer.alloc(options.maxObjectBytes + 1, 7);
  const sizes = [
    signed(
      'PutObject over the size limit',
      { method: 'PUT', key: 'public/crews/north/big.jpg', body: tooBig },
      s3Error(400, 'EntityTooLarge'),
    ),
    signed(
      'PutObject over the size limit, unsigned payload',
      { method: 'PUT', key: 'public/crews/north/big.jpg', body: tooBig, payloadHash: 'UNSIGNED-PAYLOAD' },
      s3Error(400, 'EntityTooLarge'),
    ),
    signed(
      'UploadPart over the size limit',
      { method: 'PUT', key: 'public/crews/north/upload.jpg', query: { partNumber: '1', uploadId }, body: tooBig },
      s3Error(400, 'EntityTooLarge'),
    ),
    signed(
      'aws-chunked body declaring a small size and sending more',
      {
        method: 'PUT',
        key: 'public/crews/north/chunked.jpg',
        payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '3' },
        body: '5\r\nhello\r\n0\r\n\r\n',
      },
      s3Error(400, 'IncompleteBody'),
    ),
    signed(
      'aws-chunked body with a bad chunk size',
      {
        method: 'PUT',
        key: 'public/crews/north/chunked.jpg',
        payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' },
        body: 'zz\r\nhello\r\n0\r\n\r\n',
      },
      s3Error(400, 'IncompleteBody'),
    ),
    signed(
      'aws-chunked body cut short',
      {
        method: 'PUT',
        key: 'public/crews/north/chunked.jpg',
        payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' },
        body: '5\r\nhel',
      },
      s3Error(400, 'IncompleteBody'),
    ),
    signed(
      'signed aws-chunked streaming, not supported',
      {
        method: 'PUT',
        key: 'public/crews/north/chunked.jpg',
        payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        body: 'x',
      },
      s3Error(501, 'NotImplemented'),
    ),
  ];

  const put = { method: 'PUT', key: 'public/crews/north/x.jpg', body: 'bytes' };
  const signatures = [
    signed(
      'signature with one hex digit changed',
      put,
      s3Error(403, 'SignatureDoesNotMatch'),
      authorization((value) => value.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === '0' ? '1' : '0'}`)),
    ),
    {
      name: 'signature for another key',
      expect: s3Error(403, 'SignatureDoesNotMatch'),
      request: async () => {
        const request = await signRaw(port, me, put);
        return { url: request.url.replace('/x.jpg', '/y.jpg'), init: request.init };
      },
    },
    signed('a header added after signing and claimed as signed', put, s3Error(403, 'SignatureDoesNotMatch'), (init) => {
      headers(init)['x-amz-meta-added'] = 'after signing';
      authorization((value) => value.replace('SignedHeaders=', 'SignedHeaders=x-amz-meta-added;'))(init);
    }),
    signed(
      'SignedHeaders without host',
      put,
      s3Error(403, 'SignatureDoesNotMatch'),
      authorization((value) => value.replace(/SignedHeaders=host;/, 'SignedHeaders=')),
    ),
    signed(
      'credential scope for another service',
      put,
      s3Error(400, 'AuthorizationHeaderMalformed'),
      authorization((value) => value.replace('/s3/aws4_request', '/sqs/aws4_request')),
    ),
    signed(
      'authorization header cut in half',
      put,
      s3Error(400, 'AuthorizationHeaderMalformed'),
      authorization((value) => value.slice(0, 60)),
    ),
    signed('Signature Version 2', put, s3Error(400, 'InvalidRequest'), (init) => {
      headers(init)['authorization'] = `AWS ${me.accessKeyId}:c2lnbmF0dXJl`;
    }),
    signed(
      'unknown access key',
      put,
      s3Error(403, 'InvalidAccessKeyId'),
      authorization((value) => value.replace(me.accessKeyId, 'ASIAZZZZZZZZZZZZZZZZ')),
    ),
    signed('missing session token', put, s3Error(400, 'InvalidToken'), (init) => {
      delete headers(init)['x-amz-security-token'];
    }),
    signed('malformed x-amz-date', put, s3Error(403, 'AccessDenied'), (init) => {
      headers(init)['x-amz-date'] = 'yesterday';
    }),
    signed('x-amz-date a day old', put, s3Error(403, 'RequestTimeTooSkewed'), (init) => {
      const h = headers(init);
      const old = new Date(Date.now() - 24 * 3600 * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
      h['x-amz-date'] = old;
    }),
    signed('no x-amz-content-sha256', put, s3Error(400, 'InvalidRequest'), (init) => {
      delete headers(init)['x-amz-content-sha256'];
    }),
    signed(
      'x-amz-content-sha256 of other bytes',
      { ...put, payloadHash: createHash('sha256').update('other').digest('hex') },
      s3Error(400, 'XAmzContentSHA256Mismatch'),
    ),
    signed(
      'x-amz-content-sha256 neither hash nor mode',
      { ...put, payloadHash: 'whatever' },
      s3Error(400, 'InvalidArgument'),
    ),
    signed(
      'header and query signature both',
      { ...put, query: { 'X-Amz-Signature': 'abc' } },
      s3Error(400, 'InvalidArgument'),
    ),
    {
      name: 'unsigned PutObject',
      expect: s3Error(403, 'AccessDenied'),
      request: async () => ({
        url: `http://127.0.0.1:${port}/s3/fieldbook-photos-local/public/crews/north/x.jpg`,
        init: { method: 'PUT', body: 'x' },
      }),
    },
    ...[
      ['presigned URL without X-Amz-Expires', { 'X-Amz-Expires': null }],
      ['presigned URL with X-Amz-Expires 0', { 'X-Amz-Expires': '0' }],
      ['presigned URL with X-Amz-Expires beyond a week', { 'X-Amz-Expires': '604801' }],
      ['presigned URL with another algorithm', { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA1' }],
      ['presigned URL with a malformed credential', { 'X-Amz-Credential': 'nothing' }],
      ['presigned URL with a repeated parameter', { 'X-Amz-Date': ['20260101T000000Z', '20260101T000001Z'] }],
    ].map(([name, change]) => ({
      name: name as string,
      expect: s3Error(400, 'AuthorizationQueryParametersError'),
      request: async () => {
        const now = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
        const query = new URLSearchParams({
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
          'X-Amz-Credential': `${me.accessKeyId}/${now.slice(0, 8)}/us-east-1/s3/aws4_request`,
          'X-Amz-Date': now,
          'X-Amz-Expires': '900',
          'X-Amz-SignedHeaders': 'host',
          'X-Amz-Security-Token': me.sessionToken,
          'X-Amz-Signature': '0'.repeat(64),
        });
        for (const [key, value] of Object.entries(change as Record<string, string | string[] | null>)) {
          query.delete(key);
          for (const item of value === null ? [] : [value].flat()) query.append(key, item);
        }
        return {
          url: `http://127.0.0.1:${port}/s3/fieldbook-photos-local/public/crews/north/x.jpg?${query}`,
          init: {},
        };
      },
    })),
  ];

  const unknownUpload = { uploadId: 'never-started' };
  const uploads = [
    signed(
      'UploadPart to an unknown upload',
      { method: 'PUT', key: 'public/crews/north/upload.jpg', query: { partNumber: '1', ...unknownUpload }, body: 'x' },
      s3Error(404, 'NoSuchUpload'),
    ),
    signed(
      'CompleteMultipartUpload of an unknown upload',
      { method: 'POST', key: 'public/crews/north/upload.jpg', query: unknownUpload, body: validXml },
      s3Error(404, 'NoSuchUpload'),
    ),
    signed(
      'AbortMultipartUpload of an unknown upload',
      { method: 'DELETE', key: 'public/crews/north/upload.jpg', query: unknownUpload },
      s3Error(404, 'NoSuchUpload'),
    ),
    signed(
      'ListParts of an unknown upload',
      { method: 'GET', key: 'public/crews/north/upload.jpg', query: unknownUpload },
      s3Error(404, 'NoSuchUpload'),
    ),
    signed(
      'UploadPart to the upload under another key',
      { method: 'PUT', key: 'public/crews/north/other.jpg', query: { partNumber: '1', uploadId }, body: 'x' },
      s3Error(404, 'NoSuchUpload'),
    ),
    signed(
      'UploadPart number 0',
      { method: 'PUT', key: 'public/crews/north/upload.jpg', query: { partNumber: '0', uploadId }, body: 'x' },
      s3Error(400, 'InvalidArgument'),
    ),
    signed(
      'UploadPart number 10001',
      { method: 'PUT', key: 'public/crews/north/upload.jpg', query: { partNumber: '10001', uploadId }, body: 'x' },
      s3Error(400, 'InvalidArgument'),
    ),
    signed(
      'UploadPart without a number',
      { method: 'PUT', key: 'public/crews/north/upload.jpg', query: { uploadId }, body: 'x' },
      s3Error(400, 'InvalidArgument'),
    ),
    signed(
      'ListParts with a negative marker',
      { method: 'GET', key: 'public/crews/north/upload.jpg', query: { uploadId, 'part-number-marker': '-1' } },
      s3Error(400, 'InvalidArgument'),
    ),
  ];

  const keys = [
    ['public/crews/north/../private/x.jpg', 400, 'InvalidArgument'],
    [`public/crews/north/%2E%2E/private/${options.otherIdentityId}/x.jpg`, 400, 'InvalidArgument'],
    ['public/crews/north/./x.jpg', 400, 'InvalidArgument'],
    ['public/crews/north/..', 400, 'InvalidArgument'],
    ['public/crews/north/a%00b.jpg', 400, 'InvalidArgument'],
    ['public/crews/north/%zz.jpg', 400, 'InvalidURI'],
    [`public/crews/north/${'k'.repeat(1100)}`, 400, 'KeyTooLongError'],
    [`private/${options.otherIdentityId}/x.jpg`, 403, 'AccessDenied'],
    [`protected/${options.otherIdentityId}/x.jpg`, 403, 'AccessDenied'],
    ['elsewhere/x.jpg', 403, 'AccessDenied'],
  ].map(([key, status, code]) =>
    signed(
      `PutObject to ${String(key).slice(0, 60)}`,
      { ...put, key: key as string },
      s3Error(status as number, code as string),
    ),
  );

  const digests = [
    signed(
      'Content-MD5 of other bytes',
      { ...put, headers: { 'content-md5': createHash('md5').update('other').digest('base64') } },
      s3Error(400, 'BadDigest'),
    ),
    signed(
      'Content-MD5 not base64',
      { ...put, headers: { 'content-md5': 'not-an-md5' } },
      s3Error(400, 'InvalidDigest'),
    ),
    signed(
      'x-amz-checksum-crc32 of other bytes',
      { ...put, headers: { 'x-amz-checksum-crc32': 'AAAAAA==' } },
      s3Error(400, 'BadDigest'),
    ),
    signed(
      'x-amz-checksum-sha256 of other bytes',
      { ...put, headers: { 'x-amz-checksum-sha256': createHash('sha256').update('other').digest('base64') } },
      s3Error(400, 'BadDigest'),
    ),
    signed(
      'x-amz-checksum-crc64nvme',
      { ...put, headers: { 'x-amz-checksum-crc64nvme': 'AAAAAAAAAAA=' } },
      s3Error(501, 'NotImplemented'),
    ),
    signed(
      'two checksums',
      { ...put, headers: { 'x-amz-checksum-crc32': 'AAAAAA==', 'x-amz-checksum-sha1': 'AAAA' } },
      s3Error(400, 'InvalidRequest'),
    ),
  ];

  const get = { method: 'GET', key: '' };
  const other = [
    signed('another bucket', { ...put, bucket: 'not-this-bucket' }, s3Error(404, 'NoSuchBucket')),
    signed('ListObjects version 1', get, s3Error(501, 'NotImplemented')),
    signed(
      'ListObjectsV2 with max-keys text',
      { ...get, query: { 'list-type': '2', prefix: 'public/crews/north/', 'max-keys': 'many' } },
      s3Error(400, 'InvalidArgument'),
    ),
    signed(
      'ListObjectsV2 with a forged token',
      { ...get, query: { 'list-type': '2', prefix: 'public/crews/north/', 'continuation-token': 'eyJ9' } },
      s3Error(400, 'InvalidArgument'),
    ),
    signed(
      'ListObjectsV2 with encoding-type xml',
      { ...get, query: { 'list-type': '2', prefix: 'public/crews/north/', 'encoding-type': 'xml' } },
      s3Error(400, 'InvalidArgument'),
    ),
    signed('ListObjectsV2 of the whole bucket', { ...get, query: { 'list-type': '2' } }, s3Error(403, 'AccessDenied')),
    signed(
      'GetObject that does not exist',
      { method: 'GET', key: 'public/crews/north/none.jpg' },
      s3Error(404, 'NoSuchKey'),
    ),
    signed(
      'GetObject with a non-Latin-1 response-content-type',
      { method: 'GET', key: 'public/crews/north/kept.jpg', query: { 'response-content-type': 'image/☃' } },
      s3Error(400, 'InvalidArgument'),
    ),
    signed(
      'PATCH on a key',
      { method: 'PATCH', key: 'public/crews/north/x.jpg', body: 'x' },
      s3Error(405, 'MethodNotAllowed'),
    ),
    ...(
      [
        ['CopyObject with a `..` source', 'public/crews/north/../south/a.jpg', 400, 'InvalidArgument'],
        ['CopyObject with a bad encoding', 'public/crews/north/%zz.jpg', 400, 'InvalidArgument'],
        ['CopyObject of a missing source', 'public/crews/north/none.jpg', 404, 'NoSuchKey'],
        ["CopyObject from another crew's folder", 'public/crews/south/a.jpg', 403, 'AccessDenied'],
      ] as const
    ).map(([name, source, status, code]) =>
      signed(
        name,
        { ...put, body: '', headers: { 'x-amz-copy-source': `/fieldbook-photos-local/${source}` } },
        s3Error(status, code),
      ),
    ),
    signed(
      'CopyObject from another bucket',
      { ...put, body: '', headers: { 'x-amz-copy-source': '/other-bucket/public/crews/north/kept.jpg' } },
      s3Error(404, 'NoSuchBucket'),
    ),
  ];

  const identity = (name: string, target: string, body: string, status: number, type: string): StorageCase => ({
    name: `identity: ${name}`,
    expect: { status, type },
    request: async () => ({
      url: `http://127.0.0.1:${port}/cognito-identity`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body,
      },
    }),
  });
  const getId = 'AWSCognitoIdentityService.GetId';
  const getCredentials = 'AWSCognitoIdentityService.GetCredentialsForIdentity';
  const identities = [
    identity('truncated JSON', getId, '{"IdentityPoolId":"us-', 400, 'SerializationException'),
    identity('a JSON string', getId, '"pool"', 400, 'SerializationException'),
    identity('null', getId, 'null', 400, 'SerializationException'),
    identity('pool id a number', getId, '{"IdentityPoolId":1}', 400, 'InvalidParameterException'),
    identity(
      'pool id of 10 kB',
      getId,
      JSON.stringify({ IdentityPoolId: 'p'.repeat(10_000) }),
      400,
      'InvalidParameterException',
    ),
    identity(
      'unknown pool',
      getId,
      '{"IdentityPoolId":"eu-west-1:00000000-0000-0000-0000-000000000000"}',
      400,
      'ResourceNotFoundException',
    ),
    identity(
      'logins from an unknown provider',
      getId,
      JSON.stringify({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: { x: 'y' } }),
      400,
      'NotAuthorizedException',
    ),
    identity(
      'logins of the wrong type',
      getId,
      JSON.stringify({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: ['x'] }),
      400,
      'InvalidParameterException',
    ),
    identity(
      'unknown identity',
      getCredentials,
      '{"IdentityId":"us-east-1:00000000-0000-0000-0000-000000000000"}',
      400,
      'ResourceNotFoundException',
    ),
    identity('identity id missing', getCredentials, '{}', 400, 'InvalidParameterException'),
    identity('identity id an object', getCredentials, '{"IdentityId":{"$ne":null}}', 400, 'InvalidParameterException'),
    identity(
      'unknown operation',
      'AWSCognitoIdentityService.ListIdentityPools',
      '{}',
      400,
      'UnknownOperationException',
    ),
    identity('no target', '', '{}', 400, 'UnknownOperationException'),
    identity(
      'body over the limit',
      getId,
      `{"IdentityPoolId":"${'p'.repeat(options.maxControlBytes)}"}`,
      413,
      'SerializationException',
    ),
  ];

  return [...xml, ...sizes, ...signatures, ...uploads, ...keys, ...digests, ...other, ...identities];
}
