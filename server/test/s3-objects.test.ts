import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

import { objectsDirFor } from '../src/objects/object-store.ts';
import type { RunningServer } from '../src/server.ts';
import { GUESTS_ALLOWED, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, guest, type GuestCredentials, outcome, pattern, s3Client } from './storage-client.ts';

const db = tempDbPath();
let server: RunningServer;
let me: GuestCredentials;
let s3: S3Client;

before(async () => {
  server = await startTestServer(db.path, { ...GUESTS_ALLOWED, limits: { maxObjectBytes: 2 * 1024 * 1024 } });
  me = await guest(server.port);
  s3 = s3Client(server.port, me);
});
after(async () => {
  await server.close();
  db.cleanup();
});

const md5 = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;

test('PutObject, GetObject, HeadObject and DeleteObject through the real S3 client keep bytes, type and metadata', async () => {
  const key = 'public/photos/job 1/ä+b&c=d.jpg';
  const bytes = pattern(300_000);
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: bytes,
      ContentType: 'image/jpeg',
      Metadata: { caption: 'pump seal' },
    }),
  );
  assert.equal(put.ETag, md5(bytes));
  // The client sent a CRC32 (its default); the server checked it and says which it took.
  assert.ok(put.ChecksumCRC32);

  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes);
  assert.equal(got.ContentType, 'image/jpeg');
  assert.equal(got.ContentLength, bytes.length);
  assert.equal(got.ETag, md5(bytes));
  assert.deepEqual(got.Metadata, { caption: 'pump seal' });

  const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  assert.equal(head.ContentLength, bytes.length);
  assert.equal(head.ETag, md5(bytes));

  const replaced = pattern(10, 7);
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: replaced }));
  const again = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  assert.deepEqual(Buffer.from(await again.Body!.transformToByteArray()), replaced);

  await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
  assert.equal(await outcome(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))), '404 NoSuchKey');
  assert.equal(await outcome(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))), '404 NotFound');
  // Deleting what is not there succeeds, as on S3.
  await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
});

test('a streamed body goes as aws-chunked with a CRC32 trailer, and a wrong trailer is refused', async () => {
  const seen: string[] = [];
  const client = s3Client(server.port, me);
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers: Record<string, string> };
      seen.push(request.headers['x-amz-content-sha256'] ?? '');
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'recordPayloadHash' },
  );
  const chunks = [pattern(70_000, 2), pattern(1, 3), pattern(100_000, 4)];
  const key = `protected/${me.identityId}/streamed.jpg`;
  await client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from(chunks), ContentLength: 170_001 }),
  );
  assert.deepEqual(seen, ['STREAMING-UNSIGNED-PAYLOAD-TRAILER']);
  const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), Buffer.concat(chunks));

  // The same framing with a checksum that does not match the bytes.
  const body = Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
  const tampered = s3Client(server.port, me);
  tampered.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers: Record<string, string>; body: unknown };
      request.body = body;
      request.headers['content-length'] = String(body.length);
      request.headers['x-amz-decoded-content-length'] = '5';
      request.headers['content-encoding'] = 'aws-chunked';
      request.headers['x-amz-trailer'] = 'x-amz-checksum-crc32';
      request.headers['x-amz-content-sha256'] = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
      delete request.headers['x-amz-checksum-crc32'];
      return next(args);
    },
    { step: 'build', priority: 'low', name: 'tamper' },
  );
  assert.equal(
    await outcome(tampered.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${key}.bad`, Body: 'hello' }))),
    '400 BadDigest',
  );
});

test("If-None-Match: * (Amplify's preventOverwrite) writes only a key that is free", async () => {
  const key = 'public/once.jpg';
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'first', IfNoneMatch: '*' }));
  assert.equal(
    await outcome(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'second', IfNoneMatch: '*' }))),
    '412 PreconditionFailed',
  );
  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  assert.equal(await got.Body!.transformToString(), 'first');
});

test('Content-MD5 is honoured: a wrong one is BadDigest and stores nothing', async () => {
  const key = 'public/md5.jpg';
  const bytes = pattern(1000, 9);
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: bytes,
      ContentMD5: createHash('md5').update(bytes).digest('base64'),
    }),
  );
  const wrong = createHash('md5').update('other').digest('base64');
  assert.equal(
    await outcome(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${key}.2`, Body: bytes, ContentMD5: wrong }))),
    '400 BadDigest',
  );
  assert.equal(await outcome(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${key}.2` }))), '404 NotFound');
});

test('an object over the size limit is EntityTooLarge and leaves no file behind', async () => {
  const tooBig = pattern(2 * 1024 * 1024 + 1, 5);
  assert.equal(
    await outcome(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/too-big.jpg', Body: tooBig }))),
    '400 EntityTooLarge',
  );
  assert.deepEqual(readdirSync(join(objectsDirFor(db.path), 'tmp')), []);
});

test('GetObject with Range answers 206 with exactly those bytes; an unsatisfiable range is InvalidRange', async () => {
  const key = 'public/range.bin';
  const bytes = pattern(100_000, 11);
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes }));
  const cases: [string, number, number][] = [
    ['bytes=0-0', 0, 0],
    ['bytes=1000-1999', 1000, 1999],
    ['bytes=99990-', 99_990, 99_999],
    ['bytes=-10', 99_990, 99_999],
    ['bytes=50000-999999', 50_000, 99_999],
  ];
  for (const [range, start, end] of cases) {
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: range }));
    assert.equal(got.$metadata.httpStatusCode, 206, range);
    assert.equal(got.ContentRange, `bytes ${start}-${end}/100000`, range);
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes.subarray(start, end + 1), range);
  }
  assert.equal(
    await outcome(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=100000-' }))),
    '416 InvalidRange',
  );
});

test('ListObjectsV2 pages by max-keys with continuation tokens, filters by prefix and rolls up at a delimiter', async () => {
  const prefix = `protected/${me.identityId}/list/`;
  const keys = ['a.jpg', 'b/1.jpg', 'b/2.jpg', 'c.jpg', 'd/1.jpg', 'e.jpg', 'é.jpg'].map((k) => prefix + k);
  for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `protected/${me.identityId}/listing.jpg`, Body: 'x' }));

  const listed: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page: ListObjectsV2CommandOutput = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, MaxKeys: 3, ContinuationToken: token }),
    );
    pages++;
    assert.ok((page.KeyCount ?? 0) <= 3);
    listed.push(...(page.Contents ?? []).map((c) => c.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  assert.deepEqual(listed, keys, 'every key under the prefix once, in UTF-8 byte order');
  assert.equal(pages, 3);

  const rolled: string[] = [];
  token = undefined;
  do {
    const page: ListObjectsV2CommandOutput = await s3.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: prefix,
        Delimiter: '/',
        MaxKeys: 2,
        ContinuationToken: token,
      }),
    );
    rolled.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  assert.deepEqual(rolled.sort(), ['a.jpg', 'b/', 'c.jpg', 'd/', 'e.jpg', 'é.jpg'].map((k) => prefix + k).sort());

  assert.equal(
    await outcome(
      s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: 'not-a-token' })),
    ),
    '400 InvalidArgument',
  );
});

test('a bucket other than the configured one is NoSuchBucket', async () => {
  assert.equal(
    await outcome(s3.send(new GetObjectCommand({ Bucket: 'someone-elses-bucket', Key: 'public/x.jpg' }))),
    '404 NoSuchBucket',
  );
});
