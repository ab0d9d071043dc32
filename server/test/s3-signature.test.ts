import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  getHashedPayload,
  presignUrl,
  signRequest,
  UNSIGNED_PAYLOAD,
} from '@aws-amplify/core/internals/aws-client-utils';
import { Sha256 } from '@aws-crypto/sha256-js';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';

import type { RunningServer } from '../src/server.ts';
import { GUESTS_ALLOWED, startTestServer, tempDbPath, waitFor } from './harness.ts';
import { BUCKET, guest, type GuestCredentials, outcome, pattern, REGION, s3Client } from './storage-client.ts';

const db = tempDbPath();
let server: RunningServer;
let me: GuestCredentials;
let s3: S3Client;
const KEY = 'public/signed.jpg';
const BYTES = pattern(5000, 21);

before(async () => {
  server = await startTestServer(db.path, GUESTS_ALLOWED);
  me = await guest(server.port);
  s3 = s3Client(server.port, me);
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: BYTES }));
});
after(async () => {
  await server.close();
  db.cleanup();
});

const objectUrl = (key = KEY) => new URL(`http://127.0.0.1:${server.port}/s3/${BUCKET}/${key}`);

/** The S3 error code and status of a fetch answer, from its XML body. */
async function xmlError(response: Response): Promise<string> {
  const body = await response.text();
  assert.match(body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>/);
  return `${response.status} ${/<Code>([^<]+)<\/Code>/.exec(body)?.[1]}`;
}

test('requests signed with a wrong secret, an unknown key, a wrong or missing token, or none at all are refused', async () => {
  const get = (client: S3Client) => outcome(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY })));
  assert.equal(await get(s3), 'ok');
  assert.equal(
    await get(s3Client(server.port, { ...me, secretAccessKey: `${me.secretAccessKey}x` })),
    '403 SignatureDoesNotMatch',
  );
  assert.equal(
    await get(s3Client(server.port, { ...me, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' })),
    '403 InvalidAccessKeyId',
  );
  assert.equal(await get(s3Client(server.port, { ...me, sessionToken: 'forged' })), '400 InvalidToken');
  const other = await guest(server.port);
  assert.equal(await get(s3Client(server.port, { ...me, sessionToken: other.sessionToken })), '400 InvalidToken');
  assert.equal(await xmlError(await fetch(objectUrl())), '403 AccessDenied');
  assert.equal(
    await xmlError(await fetch(objectUrl(), { headers: { authorization: 'AWS AKIDEXAMPLE:signature' } })),
    '400 InvalidRequest',
  );
});

test('a header or body changed after signing is refused, and nothing is stored', async () => {
  const tampered = s3Client(server.port, me);
  let change: (request: { headers: Record<string, string>; body: unknown }) => void = () => undefined;
  tampered.middlewareStack.add(
    (next) => async (args) => {
      change(args.request as { headers: Record<string, string>; body: unknown });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'tamper' },
  );
  const put = (key: string) =>
    outcome(tampered.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'original' })));
  change = (request) => (request.headers['x-amz-meta-owner'] = 'someone else');
  assert.equal(await put('public/a.jpg'), 'ok', 'an unsigned header is not covered by the signature');
  change = (request) => (request.headers['content-type'] = 'text/html');
  assert.equal(await put('public/b.jpg'), '403 SignatureDoesNotMatch');
  change = (request) => (request.body = 'replaced');
  assert.equal(await put('public/c.jpg'), '400 XAmzContentSHA256Mismatch');
  change = () => undefined;
  assert.equal(await outcome(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/b.jpg' }))), '404 NoSuchKey');
  assert.equal(await outcome(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/c.jpg' }))), '404 NoSuchKey');
});

test("a request dated 20 minutes off the server's clock is RequestTimeTooSkewed", async () => {
  const skewed = s3Client(server.port, me, { systemClockOffset: -20 * 60 * 1000 });
  assert.equal(
    await outcome(skewed.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }))),
    '403 RequestTimeTooSkewed',
  );
});

function presigner(credentials: GuestCredentials): SignatureV4 {
  // What @aws-sdk/s3-request-presigner does (it is not installed): S3's signer, presigning.
  return new SignatureV4({
    credentials,
    region: REGION,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  });
}

async function presignedGet(url: URL, options: { expiresIn?: number; signingDate?: Date } = {}): Promise<string> {
  const signed = await presigner(me).presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    {
      expiresIn: options.expiresIn ?? 900,
      signingDate: options.signingDate ?? new Date(),
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
    },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
  return `${url.origin}${url.pathname}?${query}`;
}

test('presigned GET URLs (X-Amz-* query) work until they expire, and only for what they sign', async () => {
  const url = objectUrl();
  url.searchParams.set('response-content-disposition', 'attachment; filename="pump.jpg"');
  const ok = await fetch(await presignedGet(url));
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-disposition'), 'attachment; filename="pump.jpg"');
  assert.ok(Buffer.from(await ok.arrayBuffer()).equals(BYTES));

  const other = (await presignedGet(objectUrl())).replace('signed.jpg', 'other.jpg');
  assert.equal(await xmlError(await fetch(other)), '403 SignatureDoesNotMatch');
  const longer = (await presignedGet(objectUrl())).replace('X-Amz-Expires=900', 'X-Amz-Expires=9000');
  assert.equal(await xmlError(await fetch(longer)), '403 SignatureDoesNotMatch');
  const expired = await presignedGet(objectUrl(), { expiresIn: 60, signingDate: new Date(Date.now() - 61_000) });
  assert.equal(await xmlError(await fetch(expired)), '403 AccessDenied');
});

test("Amplify's own SigV4 signer (what Amplify Storage sends) is accepted: signed and unsigned payloads, presigned URLs", async () => {
  const credentials = { ...me };
  const options = { credentials, signingRegion: REGION, signingService: 's3', uriEscapePath: false };
  for (const [key, body, payload] of [
    ['public/amplify signed.jpg', 'signed bytes', getHashedPayload('signed bytes')],
    ['public/amplify unsigned.jpg', 'unsigned bytes', UNSIGNED_PAYLOAD],
  ] as const) {
    const url = objectUrl(encodeURIComponent(key).replace(/%2F/g, '/'));
    // Amplify hashes strings and buffers; a Blob (a photo from the camera) it sends as UNSIGNED-PAYLOAD.
    const toSign = payload === UNSIGNED_PAYLOAD ? new Blob([body]) : body;
    const signed = signRequest(
      { url, method: 'PUT', headers: { 'x-amz-content-sha256': payload, 'content-type': 'image/jpeg' }, body: toSign },
      options,
    );
    const put = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body });
    assert.equal(put.status, 200, await put.text());
    const presigned = presignUrl({ method: 'GET', url, body: UNSIGNED_PAYLOAD }, { ...options, expiration: 900 });
    const got = await fetch(presigned);
    assert.equal(await got.text(), body);
  }
});

test('credentials past their Expiration are ExpiredToken', { timeout: 30_000 }, async () => {
  const short = tempDbPath();
  const brief = await startTestServer(short.path, { ...GUESTS_ALLOWED, limits: { credentialLifetimeSeconds: 1 } });
  try {
    const credentials = await guest(brief.port);
    assert.ok(credentials.expiration.getTime() <= Date.now() + 1000);
    const client = s3Client(brief.port, credentials);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/early.jpg', Body: 'x' }));
    await waitFor('the credentials to expire', () => Date.now() > credentials.expiration.getTime() + 1000, 10_000);
    assert.equal(
      await outcome(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/early.jpg' }))),
      '400 ExpiredToken',
    );
    const fresh = await guest(brief.port);
    assert.equal(
      await outcome(
        s3Client(brief.port, fresh).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/early.jpg' })),
      ),
      'ok',
    );
  } finally {
    await brief.close();
    short.cleanup();
  }
});
