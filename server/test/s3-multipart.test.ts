import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

import type { RunningServer } from '../src/server.ts';
import { GUESTS_ALLOWED, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, guest, type GuestCredentials, outcome, pattern, s3Client } from './storage-client.ts';

const MB = 1024 * 1024;
const db = tempDbPath();
let server: RunningServer;
let me: GuestCredentials;
let s3: S3Client;

before(async () => {
  server = await startTestServer(db.path, GUESTS_ALLOWED);
  me = await guest(server.port);
  s3 = s3Client(server.port, me);
});
after(async () => {
  await server.close();
  db.cleanup();
});

async function start(key: string): Promise<string> {
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ContentType: 'image/jpeg' }),
  );
  assert.ok(UploadId);
  return UploadId;
}

async function part(key: string, uploadId: string, number: number, body: Buffer): Promise<string> {
  const { ETag } = await s3.send(
    new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: number, Body: body }),
  );
  assert.ok(ETag);
  return ETag;
}

test(
  "a 12 MB multipart upload, its parts listed on the way, reads back byte for byte with S3's multipart ETag",
  { timeout: 60_000 },
  async () => {
    const key = `private/${me.identityId}/large.jpg`;
    const bytes = pattern(12 * MB, 3);
    const pieces = [bytes.subarray(0, 5 * MB), bytes.subarray(5 * MB, 10 * MB), bytes.subarray(10 * MB)];
    const uploadId = await start(key);
    // Sent out of order, as a resumed upload may send them.
    const etags: string[] = [];
    etags[2] = await part(key, uploadId, 3, pieces[2]!);
    etags[0] = await part(key, uploadId, 1, pieces[0]!);
    etags[1] = await part(key, uploadId, 2, pieces[1]!);

    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MaxParts: 2 }));
    assert.deepEqual(
      listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size]),
      [
        [1, etags[0], 5 * MB],
        [2, etags[1], 5 * MB],
      ],
    );
    assert.equal(listed.IsTruncated, true);
    const rest = await s3.send(
      new ListPartsCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        PartNumberMarker: String(listed.NextPartNumberMarker),
      }),
    );
    assert.deepEqual(
      rest.Parts?.map((p) => p.PartNumber),
      [3],
    );

    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const md5s = createHash('md5');
    for (const piece of pieces) md5s.update(createHash('md5').update(piece).digest());
    assert.equal(done.ETag, `"${md5s.digest('hex')}-3"`);

    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(got.ContentType, 'image/jpeg');
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes));
    assert.equal(
      await outcome(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }))),
      '404 NoSuchUpload',
      'a completed upload is gone',
    );
  },
);

test(
  'completing with parts out of order, unknown, with a wrong ETag or too small is refused as S3 does',
  { timeout: 30_000 },
  async () => {
    const key = 'public/refused.jpg';
    const uploadId = await start(key);
    const small = await part(key, uploadId, 1, pattern(1000, 1));
    const last = await part(key, uploadId, 2, pattern(1000, 2));
    const complete = (parts: { ETag: string; PartNumber: number }[]) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    assert.equal(
      await outcome(
        complete([
          { ETag: last, PartNumber: 2 },
          { ETag: small, PartNumber: 1 },
        ]),
      ),
      '400 InvalidPartOrder',
    );
    assert.equal(await outcome(complete([{ ETag: small, PartNumber: 3 }])), '400 InvalidPart');
    assert.equal(
      await outcome(complete([{ ETag: '"00000000000000000000000000000000"', PartNumber: 1 }])),
      '400 InvalidPart',
    );
    assert.equal(
      await outcome(
        complete([
          { ETag: small, PartNumber: 1 },
          { ETag: last, PartNumber: 2 },
        ]),
      ),
      '400 EntityTooSmall',
    );
    assert.equal(
      await outcome(
        s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: 10_001, Body: 'x' })),
      ),
      '400 InvalidArgument',
    );
    // A single small part is a valid (last) part.
    await complete([{ ETag: small, PartNumber: 1 }]);
    assert.equal((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).ContentLength, 1000);
  },
);

test('an aborted or unknown upload is NoSuchUpload for every multipart call', async () => {
  const key = 'public/aborted.jpg';
  const uploadId = await start(key);
  await part(key, uploadId, 1, pattern(100));
  await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
  for (const id of [uploadId, 'no-such-upload']) {
    assert.equal(
      await outcome(
        s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: id, PartNumber: 1, Body: 'x' })),
      ),
      '404 NoSuchUpload',
    );
    assert.equal(
      await outcome(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: id }))),
      '404 NoSuchUpload',
    );
    assert.equal(
      await outcome(s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: id }))),
      '404 NoSuchUpload',
    );
    assert.equal(
      await outcome(
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: BUCKET,
            Key: key,
            UploadId: id,
            MultipartUpload: { Parts: [{ ETag: '"x"', PartNumber: 1 }] },
          }),
        ),
      ),
      '404 NoSuchUpload',
    );
  }
  // An upload belongs to its key: the same id under another key is unknown.
  const other = await start('public/one.jpg');
  assert.equal(
    await outcome(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'public/two.jpg', UploadId: other }))),
    '404 NoSuchUpload',
  );
});
