/**
 * CopyObject as S3 answers it (what a moved job's photos need to reach their new crew's folder,
 * ARCHITECTURE.md, "Crews' photos"): Amplify Storage's own `copy()` as one client, the S3 SDK as
 * another, and hand-signed requests for what no SDK sends. Each person is signed in with SRP and
 * holds the identity pool's credentials for their group's role, tagged with their crews.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { copy, downloadData, getProperties } from 'aws-amplify/storage';

import { withPoolAdmin } from '../../testing/crew-members.ts';
import { crewGroupOf } from '../src/crews/crew-directory.ts';
import type { RunningServer } from '../src/server.ts';
import type { Group } from '../src/user-pool/user-store.ts';
import { CREW_AUTH_MODES } from './crew-schema.ts';
import { addAccount, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, type GuestCredentials, outcome, pattern, REGION, s3Client, signRaw } from './storage-client.ts';
import { configureIdentityPool } from './user-pool-client.ts';

const db = tempDbPath();
let server: RunningServer;

/** nora works North, sam South, dana both; olivia is Office, vera a Viewer. */
const PEOPLE: Record<string, { group: Group; crews: string[] }> = {
  nora: { group: 'Crew', crews: ['north'] },
  sam: { group: 'Crew', crews: ['south'] },
  dana: { group: 'Crew', crews: ['north', 'south'] },
  olivia: { group: 'Office', crews: [] },
  vera: { group: 'Viewer', crews: [] },
};
const email = (who: string) => `${who}@fieldbook.test`;
const photoOf = (crew: string, name: string) => `public/crews/${crew}/photos/job-1/${name}.jpg`;
const NORTH_PHOTO = photoOf('north', 'a1');
const SOUTH_PHOTO = photoOf('south', 'a2');

const configure = () => configureIdentityPool(server.url, false, { name: BUCKET, region: REGION });

/** Signs `who` in, hands their credentials to `act`, and signs out. */
async function as<T>(who: string, act: (credentials: GuestCredentials) => Promise<T>): Promise<T> {
  await configure();
  await signIn({ username: email(who), password: `${who}-password-1` });
  try {
    const { credentials, identityId } = await fetchAuthSession();
    assert.ok(credentials && identityId, `${who} got credentials`);
    return await act({
      identityId,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken ?? '',
      expiration: credentials.expiration ?? new Date(),
    });
  } finally {
    await signOut();
  }
}

/** What an Amplify Storage call came to: 'ok', or the name of the error S3 answered. */
async function amplifyOutcome(call: PromiseLike<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

const amplifyCopy = (from: string, to: string) =>
  amplifyOutcome(copy({ source: { path: from }, destination: { path: to } }));

/** A CopyObject signed by hand: status and S3's error code (or 'ok'). */
async function rawCopy(credentials: GuestCredentials, to: string, headers: Record<string, string>): Promise<string> {
  const { url, init } = await signRaw(server.port, credentials, { method: 'PUT', key: to, headers });
  const response = await fetch(url, init);
  const text = await response.text();
  if (response.ok) return 'ok';
  return `${response.status} ${/<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? text}`;
}

before(async () => {
  server = await startTestServer(db.path, { authModes: CREW_AUTH_MODES, allowGuests: false });
  for (const [who, { group, crews }] of Object.entries(PEOPLE)) {
    addAccount(db.path, email(who), `${who}-password-1`, group);
    for (const crew of crews) withPoolAdmin(db.path, (admin) => admin.setInCrew(email(who), crewGroupOf(crew), true));
  }
  await as('olivia', async (credentials) => {
    const s3 = s3Client(server.port, credentials);
    const put = (Key: string) =>
      s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key,
          Body: `photo at ${Key}`,
          ContentType: 'image/jpeg',
          Metadata: { taken: 'pump seal' },
        }),
      );
    await put(NORTH_PHOTO);
    await put(SOUTH_PHOTO);
  });
});
after(async () => {
  await server.close();
  db.cleanup();
});

describe("Amplify Storage's copy()", () => {
  it('copies bytes, type and metadata for someone who reaches both folders, and leaves the source', async () => {
    const to = photoOf('south', 'a1');
    const result = await as('dana', async () => {
      const copied = await amplifyCopy(NORTH_PHOTO, to);
      const { body, contentType } = await downloadData({ path: to }).result;
      const properties = await getProperties({ path: to });
      return { copied, text: await body.text(), contentType, metadata: properties.metadata };
    });
    assert.deepEqual(result, {
      copied: 'ok',
      text: `photo at ${NORTH_PHOTO}`,
      contentType: 'image/jpeg',
      metadata: { taken: 'pump seal' },
    });
    assert.equal(await as('nora', () => amplifyOutcome(getProperties({ path: NORTH_PHOTO }))), 'ok');
  });

  it('is Office’s between any folders, and refused without read on the source or write on the destination', async () => {
    const results = {
      office: await as('olivia', () => amplifyCopy(SOUTH_PHOTO, photoOf('north', 'a2'))),
      northToSouthByNorth: await as('nora', () => amplifyCopy(NORTH_PHOTO, photoOf('south', 'n1'))),
      southToNorthByNorth: await as('nora', () => amplifyCopy(SOUTH_PHOTO, photoOf('north', 's1'))),
      withinNorth: await as('nora', () => amplifyCopy(NORTH_PHOTO, photoOf('north', 'n2'))),
      viewer: await as('vera', () => amplifyCopy(NORTH_PHOTO, photoOf('south', 'v1'))),
    };
    assert.deepEqual(results, {
      office: 'ok',
      northToSouthByNorth: 'AccessDenied',
      southToNorthByNorth: 'AccessDenied',
      withinNorth: 'ok',
      viewer: 'AccessDenied',
    });
    // A refused copy wrote nothing.
    const written = await as('olivia', async () => ({
      n1: await amplifyOutcome(getProperties({ path: photoOf('south', 'n1') })),
      s1: await amplifyOutcome(getProperties({ path: photoOf('north', 's1') })),
      v1: await amplifyOutcome(getProperties({ path: photoOf('south', 'v1') })),
    }));
    assert.deepEqual(written, { n1: 'NotFound', s1: 'NotFound', v1: 'NotFound' });
  });

  it('answers NoSuchKey for a source that is not there', async () => {
    assert.equal(await as('dana', () => amplifyCopy(photoOf('north', 'none'), photoOf('south', 'x'))), 'NoSuchKey');
  });

  it('honours its eTag condition on the source', async () => {
    const results = await as('olivia', async () => {
      const { eTag } = await getProperties({ path: NORTH_PHOTO });
      const copyIf = (etag: string) =>
        amplifyOutcome(
          copy({ source: { path: NORTH_PHOTO, eTag: etag }, destination: { path: photoOf('south', 'c') } }),
        );
      return [await copyIf(eTag ?? ''), await copyIf('"0123"')];
    });
    assert.deepEqual(results, ['ok', 'PreconditionFailed']);
  });
});

describe('CopyObject through the S3 SDK', () => {
  it('answers CopyObjectResult with the ETag and LastModified of the copy; REPLACE takes the request’s headers', async () => {
    await as('olivia', async (credentials) => {
      const s3 = s3Client(server.port, credentials);
      const copied = await s3.send(
        new CopyObjectCommand({ Bucket: BUCKET, Key: photoOf('north', 'r1'), CopySource: `${BUCKET}/${SOUTH_PHOTO}` }),
      );
      const md5 = `"${createHash('md5').update(`photo at ${SOUTH_PHOTO}`).digest('hex')}"`;
      assert.equal(copied.CopyObjectResult?.ETag, md5);
      assert.ok(copied.CopyObjectResult?.LastModified instanceof Date);

      await s3.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: photoOf('north', 'r2'),
          CopySource: `/${BUCKET}/${encodeURIComponent(SOUTH_PHOTO)}`,
          MetadataDirective: 'REPLACE',
          ContentType: 'image/webp',
          Metadata: { caption: 'replaced' },
        }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: photoOf('north', 'r2') }));
      assert.equal(head.ContentType, 'image/webp');
      assert.deepEqual(head.Metadata, { caption: 'replaced' });

      // Onto itself only with new metadata, as on S3.
      assert.equal(
        await outcome(
          s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: SOUTH_PHOTO, CopySource: `${BUCKET}/${SOUTH_PHOTO}` })),
        ),
        '400 InvalidRequest',
      );
    });
  });

  it('copies a multipart object into one part: the bytes, with the MD5 of the whole as its ETag', async () => {
    await as('olivia', async (credentials) => {
      const s3 = s3Client(server.port, credentials);
      const key = photoOf('north', 'big');
      const bytes = pattern(6 * 1024 * 1024);
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
      const parts = [bytes.subarray(0, 5 * 1024 * 1024), bytes.subarray(5 * 1024 * 1024)];
      const etags = [];
      for (const [index, Body] of parts.entries()) {
        const part = await s3.send(
          new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: index + 1, Body }),
        );
        etags.push({ PartNumber: index + 1, ETag: part.ETag });
      }
      await s3.send(
        new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: etags } }),
      );
      const to = photoOf('south', 'big');
      const copied = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: to, CopySource: `${BUCKET}/${key}` }));
      assert.equal(copied.CopyObjectResult?.ETag, `"${createHash('md5').update(bytes).digest('hex')}"`);
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: to }));
      assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes);
    });
  });
});

describe('malformed CopyObject requests', () => {
  it('are refused as S3 refuses them, and write nothing', async () => {
    const to = photoOf('north', 'bad');
    const results = await as('olivia', async (credentials) => {
      const send = (source: string, headers: Record<string, string> = {}) =>
        rawCopy(credentials, to, { 'x-amz-copy-source': source, ...headers });
      return {
        empty: await send(''),
        noKey: await send(BUCKET),
        bucketOnly: await send(`/${BUCKET}/`),
        badEncoding: await send(`${BUCKET}/public/%zz.jpg`),
        otherBucket: await send(`other-bucket/${NORTH_PHOTO}`),
        dotDot: await send(`${BUCKET}/public/crews/south/../north/photos/job-1/a1.jpg`),
        encodedDotDot: await send(`${BUCKET}/public/crews/south/%2E%2E/north/photos/job-1/a1.jpg`),
        control: await send(`${BUCKET}/public/a%00.jpg`),
        version: await send(`${BUCKET}/${NORTH_PHOTO}?versionId=3`),
        directive: await send(`${BUCKET}/${NORTH_PHOTO}`, { 'x-amz-metadata-directive': 'MOVE' }),
        partCopy: await (async () => {
          const { url, init } = await signRaw(server.port, credentials, {
            method: 'PUT',
            key: to,
            query: { partNumber: '1', uploadId: 'x' },
            headers: { 'x-amz-copy-source': `${BUCKET}/${NORTH_PHOTO}` },
          });
          const response = await fetch(url, init);
          return `${response.status} ${/<Code>([^<]*)<\/Code>/.exec(await response.text())?.[1]}`;
        })(),
      };
    });
    assert.deepEqual(results, {
      empty: '400 InvalidArgument',
      noKey: '400 InvalidArgument',
      bucketOnly: '400 InvalidArgument',
      badEncoding: '400 InvalidArgument',
      otherBucket: '404 NoSuchBucket',
      dotDot: '400 InvalidArgument',
      encodedDotDot: '400 InvalidArgument',
      control: '400 InvalidArgument',
      version: '501 NotImplemented',
      directive: '400 InvalidArgument',
      partCopy: '501 NotImplemented',
    });
    assert.equal(await as('olivia', () => amplifyOutcome(getProperties({ path: to }))), 'NotFound');
  });

  it("do not reach another crew's folder through the source: a `..` a crew member's key rules would pass", async () => {
    // Read as a path, this source would be inside North's folder; as a key it names another crew's.
    const result = await as('nora', (credentials) =>
      rawCopy(credentials, photoOf('north', 'stolen'), {
        'x-amz-copy-source': `${BUCKET}/public/crews/north/../south/photos/job-1/a2.jpg`,
      }),
    );
    assert.equal(result, '400 InvalidArgument');
    assert.equal(
      await as('nora', (credentials) =>
        rawCopy(credentials, photoOf('north', 'stolen'), { 'x-amz-copy-source': `${BUCKET}/${SOUTH_PHOTO}` }),
      ),
      '403 AccessDenied',
    );
  });
});
