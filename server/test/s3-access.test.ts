import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

import type { RunningServer } from '../src/server.ts';
import { GUESTS_ALLOWED, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, guest, type GuestCredentials, outcome, s3Client } from './storage-client.ts';

const db = tempDbPath();
let server: RunningServer;
let alice: { id: string; s3: S3Client };
let bob: { id: string; s3: S3Client };

async function device(): Promise<{ id: string; s3: S3Client }> {
  const credentials: GuestCredentials = await guest(server.port);
  return { id: credentials.identityId, s3: s3Client(server.port, credentials) };
}

before(async () => {
  server = await startTestServer(db.path, GUESTS_ALLOWED);
  alice = await device();
  bob = await device();
});
after(async () => {
  await server.close();
  db.cleanup();
});

const put = (s3: S3Client, key: string) =>
  outcome(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key })));
const get = (s3: S3Client, key: string) => outcome(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
const head = (s3: S3Client, key: string) => outcome(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })));
const remove = (s3: S3Client, key: string) => outcome(s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key })));
const list = (s3: S3Client, prefix: string) =>
  outcome(s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix })));

test("two guests: public is shared, protected is readable by both and writable by its owner, private is the owner's only", async () => {
  const shared = 'public/shared.jpg';
  const aliceProtected = `protected/${alice.id}/photo.jpg`;
  const alicePrivate = `private/${alice.id}/draft.jpg`;
  assert.equal(await put(alice.s3, shared), 'ok');
  assert.equal(await put(alice.s3, aliceProtected), 'ok');
  assert.equal(await put(alice.s3, alicePrivate), 'ok');

  assert.equal(await get(bob.s3, shared), 'ok');
  assert.equal(await put(bob.s3, shared), 'ok', 'public is writable by every guest');
  assert.equal(await get(bob.s3, aliceProtected), 'ok', "others' protected files are readable");
  assert.equal(await list(bob.s3, `protected/${alice.id}/`), 'ok');

  assert.equal(await put(bob.s3, aliceProtected), '403 AccessDenied');
  assert.equal(await remove(bob.s3, aliceProtected), '403 AccessDenied');
  assert.equal(
    await outcome(bob.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `${aliceProtected}.big` }))),
    '403 AccessDenied',
  );
  assert.equal(await get(bob.s3, alicePrivate), '403 AccessDenied');
  // HEAD answers carry no body, so the client knows only the status, as with S3.
  assert.equal(await head(bob.s3, alicePrivate), '403 Unknown');
  assert.equal(await put(bob.s3, alicePrivate), '403 AccessDenied');
  assert.equal(await remove(bob.s3, alicePrivate), '403 AccessDenied');
  assert.equal(await list(bob.s3, `private/${alice.id}/`), '403 AccessDenied');
  assert.equal(await list(bob.s3, 'private/'), '403 AccessDenied');
  assert.equal(await list(bob.s3, ''), '403 AccessDenied', 'a listing of the whole bucket would show private keys');

  // uploads/ takes guests' files but shows them to nobody (the CLI's grant); other keys are nobody's.
  assert.equal(await put(alice.s3, 'uploads/photo.jpg'), 'ok');
  assert.equal(await get(alice.s3, 'uploads/photo.jpg'), '403 AccessDenied');
  assert.equal(await remove(alice.s3, 'uploads/photo.jpg'), '403 AccessDenied');
  assert.equal(await list(alice.s3, 'uploads/'), '403 AccessDenied');
  assert.equal(await put(alice.s3, 'photo.jpg'), '403 AccessDenied');

  // Alice's own rights are untouched, and Bob's refused writes changed nothing.
  assert.equal(await get(alice.s3, alicePrivate), 'ok');
  const kept = await alice.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: aliceProtected }));
  assert.equal(await kept.Body!.transformToString(), aliceProtected);
  assert.equal(await remove(alice.s3, aliceProtected), 'ok');
});

test('keys with "." or ".." segments are refused before any rule can be fooled by them', async () => {
  for (const key of [
    `public/../private/${alice.id}/draft.jpg`,
    `private/${bob.id}/../../private/${alice.id}/draft.jpg`,
    'public/./x.jpg',
    'public/..',
  ]) {
    // The SDK sends the key as it is, percent-encoding only what it must; the server sees the segments.
    assert.equal(await get(bob.s3, key), '400 InvalidArgument', key);
    assert.equal(await put(bob.s3, key), '400 InvalidArgument', key);
  }
});
