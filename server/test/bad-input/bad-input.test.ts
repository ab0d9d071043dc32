import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import Database from 'better-sqlite3';
import WebSocket from 'ws';

import { withPoolAdmin } from '../../../testing/crew-members.ts';
import { crewGroupOf } from '../../src/crews/crew-directory.ts';
import { MAX_CONTROL_BODY_BYTES } from '../../src/limits.ts';
import { objectsDirFor } from '../../src/objects/object-store.ts';
import { buildAppSyncSchema } from '../../src/schema/build-schema.ts';
import { insertRecords } from '../../src/seed.ts';
import type { RunningServer } from '../../src/server.ts';
import { addAccount, gql, officeToken, schemaSdl, startTestServer, tempDbPath } from '../harness.ts';
import { BUCKET, s3Client, signedInIdentity } from '../storage-client.ts';
import { configureAuth } from '../user-pool-client.ts';
import { authHeader, buildCorpus, type Case, type HttpCase, type RawCase, type WsCase } from './corpus.ts';
import { buildStorageCorpus, type StorageCase } from './storage-corpus.ts';

const LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxObjectBytes: 256 * 1024,
  maxFrameBytes: 64 * 1024,
  maxSockets: 4,
  maxSubscriptionsPerSocket: 5,
  connectionInitTimeoutMs: 500,
  headersTimeoutMs: 1000,
  requestTimeoutMs: 2000,
  timeoutCheckIntervalMs: 100,
};
const ALLOWED_ORIGIN = 'http://app.example';

const db = tempDbPath();
let server: RunningServer;
/** An Office user's access token: the project's API takes user-pool tokens only. */
let token: string;

/** Every row of every table, hashed: the corpus may not change a byte. */
function databaseDigest(): string {
  const reader = new Database(db.path, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = reader
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    for (const { name } of tables) {
      hash.update(`\0${name}\0`);
      for (const row of reader.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all()) {
        hash.update(
          JSON.stringify(row, (_, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value)),
        );
      }
    }
    return hash.digest('hex');
  } finally {
    reader.close();
  }
}

/** Stack frames, source paths and module names belong in the server log, never in a response. */
function assertNoInternals(text: string, name: string): void {
  assert.doesNotMatch(
    text,
    /"stack"|\n\s+at |\bat [\w.<>]+ \(|node_modules|\.tsx?:\d|\.m?js:\d|file:\/\//,
    `${name} leaks internals: ${text.slice(0, 500)}`,
  );
  assert.doesNotMatch(text, /\/(home|work|srv|usr|tmp|var)\/|[A-Z]:\\/, `${name} leaks a path: ${text.slice(0, 500)}`);
}

function assertAppSyncError(body: unknown, errorType: RegExp, name: string): void {
  const errors = (body as { errors?: { errorType?: unknown; message?: unknown }[] }).errors;
  assert.ok(
    Array.isArray(errors) && errors.length > 0,
    `${name}: no errors array in ${JSON.stringify(body).slice(0, 300)}`,
  );
  const [first] = errors;
  assert.equal(typeof first?.message, 'string', `${name}: errors[0].message`);
  assert.match(String(first?.errorType), errorType, `${name}: ${JSON.stringify(first).slice(0, 300)}`);
}

async function runHttp(c: HttpCase): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: c.method ?? 'POST',
    headers: Object.fromEntries(
      Object.entries({ authorization: token, ...c.headers }).filter(
        (entry): entry is [string, string] => entry[1] !== null,
      ),
    ),
    ...(c.body === undefined ? {} : { body: c.body }),
  });
  const text = await response.text();
  assertNoInternals(text, c.name);
  if ('refused' in c.expect) return;
  assert.equal(response.status, c.expect.status, `${c.name}: status (${text.slice(0, 300)})`);
  assertAppSyncError(JSON.parse(text), c.expect.errorType, c.name);
}

async function runRaw(c: RawCase): Promise<void> {
  const socket = connectTcp(server.port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const closedAt = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
  void closedAt.then(() => (closed = true));
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = Date.now();
  for (const chunk of c.chunks) {
    if (closed) break;
    socket.write(chunk);
    if (c.delayMs) await new Promise((resolve) => setTimeout(resolve, c.delayMs));
  }
  const deadline = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), c.closedWithinMs).unref());
  const outcome = await Promise.race([closedAt, deadline]);
  socket.destroy();
  assert.notEqual(outcome, 'open', `${c.name}: the server kept the socket open for ${c.closedWithinMs} ms`);
  assert.ok((outcome as number) - started <= c.closedWithinMs);
  if (c.status) assert.match(received, c.status, `${c.name}: answered ${received.slice(0, 100)}`);
  assertNoInternals(received, c.name);
}

interface Socket {
  ws: WebSocket;
  frames: Record<string, unknown>[];
  closed: Promise<number>;
  next(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

async function openSocket(protocols: string[], query = ''): Promise<Socket | Error> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/graphql/realtime${query}`, protocols);
  const frames: Record<string, unknown>[] = [];
  const texts: string[] = [];
  ws.on('message', (data) => {
    texts.push(String(data));
    frames.push(JSON.parse(String(data)) as Record<string, unknown>);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = await new Promise<true | Error>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('error', (error) => resolve(error));
  });
  if (opened !== true) return opened;
  const next = async (type: string, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const index = frames.findIndex((f) => f['type'] === type);
      if (index >= 0) {
        for (const text of texts) assertNoInternals(text, type);
        return frames.splice(index, 1)[0]!;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`no ${type} frame; got ${JSON.stringify(frames).slice(0, 300)}`);
  };
  return { ws, frames, closed, next };
}

async function runWs(c: WsCase): Promise<void> {
  const socket = await openSocket(c.protocols ?? [], c.query);
  if ('refused' in c.expect) {
    assert.ok(socket instanceof Error, `${c.name}: the handshake should fail`);
    return;
  }
  assert.ok(!(socket instanceof Error), `${c.name}: ${String(socket)}`);
  try {
    if (c.init) socket.ws.send('{"type":"connection_init"}');
    if ('connectionError' in c.expect) {
      const refusal = await socket.next('connection_error');
      assertAppSyncError(refusal['payload'], /^UnauthorizedException$/, c.name);
      assert.equal((refusal['payload'] as { errors: { errorCode: number }[] }).errors[0]?.errorCode, 401);
      for (const frame of c.frames) socket.ws.send(frame);
      await socket.closed;
      assert.ok(!socket.frames.some((f) => f['type'] === 'start_ack'), `${c.name}: a refused socket acked a start`);
      return;
    }
    if (c.init) await socket.next('connection_ack');
    for (const frame of c.frames) socket.ws.send(frame);
    if ('close' in c.expect) {
      const code = await Promise.race([
        socket.closed,
        new Promise((resolve) => setTimeout(() => resolve('open'), 3000)),
      ]);
      assert.equal(code, c.expect.close, `${c.name}: close code`);
      return;
    }
    for (let i = 0; i < (c.expect.count ?? 1); i++) {
      const error = await socket.next('error').catch((e: unknown) => assert.fail(`${c.name}: ${String(e)}`));
      assertAppSyncError(error['payload'], c.expect.errorType, c.name);
    }
    assert.ok(
      !socket.frames.some((f) => f['type'] === 'error'),
      `${c.name}: more errors than expected: ${JSON.stringify(socket.frames).slice(0, 300)}`,
    );
    assert.equal(socket.ws.readyState, WebSocket.OPEN, `${c.name}: a protocol error should not drop the socket`);
  } finally {
    socket.ws.terminate();
    await socket.closed;
  }
}

async function stillServing(after: string): Promise<void> {
  const { status, body } = await gql(server.port, '{ getSite(id: "site-1") { id name _version } }');
  assert.equal(status, 200, `after ${after}`);
  assert.deepEqual(body, { data: { getSite: { id: 'site-1', name: 'Harbour', _version: 1 } } }, `after ${after}`);
}

before(async () => {
  server = await startTestServer(db.path, {
    limits: LIMITS,
    corsOrigins: [ALLOWED_ORIGIN],
    seed: (store) => {
      insertRecords(store, 'Site', [{ id: 'site-1', name: 'Harbour', tags: ['a'] }]);
      insertRecords(store, 'Job', [{ id: 'job-1', siteID: 'site-1', title: 'Pump', status: 'OPEN', priority: 'LOW' }]);
      insertRecords(store, 'FieldNote', [
        { id: 'note-1', jobID: 'job-1', body: 'Leak', observedAt: '2026-01-01T00:00:00.000Z', reading: 1.5 },
      ]);
    },
  });
  token = await officeToken(server.port);
});
after(async () => {
  await server.close();
  db.cleanup();
});

test(
  'bad input: every malformed request and frame gets an AppSync-shaped error or a clean close; the server keeps serving and the database is unchanged',
  { timeout: 90_000 },
  async () => {
    const corpus: Case[] = buildCorpus({
      schema: buildAppSyncSchema(schemaSdl()),
      token,
      maxBodyBytes: LIMITS.maxBodyBytes,
      maxFrameBytes: LIMITS.maxFrameBytes,
      maxSubscriptionsPerSocket: LIMITS.maxSubscriptionsPerSocket,
      requestTimeoutMs: LIMITS.requestTimeoutMs,
      seed: 6,
    });
    assert.ok(corpus.length >= 100, `corpus has ${corpus.length} cases`);
    const digest = databaseDigest();
    // The slow clients run side by side with the rest: each costs seconds of waiting, not work.
    const slow = corpus.filter((c) => c.kind === 'raw');
    const slowRuns = Promise.allSettled(slow.map((c) => runRaw(c)));
    for (const c of corpus) {
      if (c.kind === 'http') await runHttp(c);
      else if (c.kind === 'ws') await runWs(c);
      else continue;
      await stillServing(c.name);
    }
    for (const [i, outcome] of (await slowRuns).entries()) {
      if (outcome.status === 'rejected') throw new Error(`${slow[i]?.name}: ${String(outcome.reason)}`);
    }
    await stillServing('the slow clients');
    assert.equal(databaseDigest(), digest, 'the corpus changed the database');

    // And the real-time side still delivers to a well-behaved client.
    const socket = await openSocket(['graphql-ws', authHeader(token)]);
    assert.ok(!(socket instanceof Error));
    socket.ws.send('{"type":"connection_init"}');
    await socket.next('connection_ack');
    socket.ws.send(
      JSON.stringify({
        id: 'ok',
        type: 'start',
        payload: {
          data: JSON.stringify({ query: 'subscription { onUpdateSite { id name } }', variables: {} }),
          extensions: { authorization: { Authorization: token } },
        },
      }),
    );
    await socket.next('start_ack');
    socket.ws.terminate();
  },
);

test('real-time sockets beyond the limit are refused with 503 until one closes', { timeout: 20_000 }, async () => {
  const open: Socket[] = [];
  for (let i = 0; i < LIMITS.maxSockets; i++) {
    const socket = await openSocket(['graphql-ws', authHeader(token)]);
    assert.ok(!(socket instanceof Error), String(socket));
    open.push(socket);
  }
  const refused = await openSocket(['graphql-ws', authHeader(token)]);
  assert.ok(refused instanceof Error);
  assert.match(refused.message, /503/);
  open[0]!.ws.close();
  await open[0]!.closed;
  const again = await openSocket(['graphql-ws', authHeader(token)]);
  assert.ok(!(again instanceof Error), String(again));
  for (const socket of [...open.slice(1), again]) socket.ws.terminate();
  await Promise.all([...open.slice(1), again].map((s) => s.closed));
});

test('CORS headers go only to configured origins', async () => {
  const preflight = (origin: string) =>
    fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
  const allowed = await preflight(ALLOWED_ORIGIN);
  assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /\bauthorization\b/i);
  for (const origin of ['http://evil.example', 'null', `${ALLOWED_ORIGIN}.evil.example`, 'http://APP.example']) {
    const denied = await preflight(origin);
    assert.equal(denied.headers.get('access-control-allow-origin'), null, origin);
    assert.equal(denied.headers.get('access-control-allow-headers'), null, origin);
    const post = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query: '{ getSite(id: "site-1") { id } }' }),
    });
    assert.equal(post.headers.get('access-control-allow-origin'), null, origin);
  }
  const post = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { origin: ALLOWED_ORIGIN, 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: '{ getSite(id: "site-1") { id } }' }),
  });
  assert.equal(post.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
});

/** Sends the path exactly as given: fetch would resolve `..` and `%2E%2E` segments before sending. */
function sendAsIs(url: string, init: RequestInit): Promise<{ status: number; text: string }> {
  const [, port, path] = /^http:\/\/127\.0\.0\.1:(\d+)(\/.*)$/.exec(url) ?? [];
  const body = init.body === undefined || init.body === null ? undefined : Buffer.from(init.body as string | Buffer);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(port),
        path,
        method: init.method ?? 'GET',
        headers: { ...(init.headers as Record<string, string>), 'content-length': String(body?.length ?? 0) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A crew member's ID token, invited over the database and signed in with Amplify Auth as the app signs in. */
async function idTokenOf(email: string): Promise<string> {
  const password = 'Crew-password-1';
  await configureAuth(server.url);
  addAccount(db.path, email, password, 'Crew');
  // A crew's photos are its members' (public/crews/north/…, where the corpus writes).
  withPoolAdmin(db.path, (admin) => admin.setInCrew(email, crewGroupOf('north'), true));
  await signIn({ username: email, password });
  const idToken = (await fetchAuthSession()).tokens?.idToken?.toString();
  assert.ok(idToken, `${email} has an ID token`);
  return idToken;
}

async function runStorage(c: StorageCase): Promise<void> {
  const { url, init } = await c.request();
  const { status, text } = await sendAsIs(url, init);
  assertNoInternals(text, c.name);
  assert.equal(status, c.expect.status, `${c.name}: status (${text.slice(0, 300)})`);
  if ('code' in c.expect) {
    assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>/, `${c.name}: ${text.slice(0, 300)}`);
    assert.equal(/<Code>([^<]*)<\/Code>/.exec(text)?.[1], c.expect.code, `${c.name}: ${text.slice(0, 300)}`);
    assert.match(text, /<Message>[^<]+<\/Message>/, c.name);
  } else {
    const body = JSON.parse(text) as { __type?: unknown; message?: unknown };
    assert.equal(body.__type, c.expect.type, `${c.name}: ${text.slice(0, 300)}`);
    assert.equal(typeof body.message, 'string', c.name);
  }
}

test(
  'bad input to the S3 and Cognito Identity subsets gets their error shapes; nothing is stored, no file is left, the server keeps serving',
  { timeout: 90_000 },
  async () => {
    // The project's identity pool gives credentials to signed-in users only.
    const me = await signedInIdentity(server, await idTokenOf('ana@fieldbook.test'));
    const other = await signedInIdentity(server, await idTokenOf('ben@fieldbook.test'));
    const s3 = s3Client(server.port, me);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/crews/north/kept.jpg', Body: 'kept' }));
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'public/crews/north/upload.jpg' }),
    );
    assert.ok(UploadId);
    const corpus = buildStorageCorpus({
      port: server.port,
      me,
      otherIdentityId: other.identityId,
      uploadId: UploadId,
      maxObjectBytes: LIMITS.maxObjectBytes,
      maxControlBytes: MAX_CONTROL_BODY_BYTES,
    });
    assert.ok(corpus.length >= 80, `storage corpus has ${corpus.length} cases`);
    const digest = databaseDigest();
    const files = () => readdirSync(join(objectsDirFor(db.path), 'data')).sort();
    const before = files();
    for (const c of corpus) {
      await runStorage(c);
      const kept = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/crews/north/kept.jpg' }));
      assert.equal(await kept.Body?.transformToString(), 'kept', `after ${c.name}`);
    }
    assert.equal(databaseDigest(), digest, 'the corpus changed the database');
    assert.deepEqual(files(), before, 'the corpus left or removed object files');
    assert.deepEqual(readdirSync(join(objectsDirFor(db.path), 'tmp')), [], 'temporary files are removed');
  },
);

test('the S3 and identity paths send CORS headers to configured origins only, exposing ETag', async () => {
  const preflight = (path: string, origin: string) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, x-amz-date, x-amz-content-sha256, content-type',
      },
    });
  const s3 = await preflight(`/s3/${BUCKET}/public/photo.jpg`, ALLOWED_ORIGIN);
  assert.equal(s3.status, 200);
  assert.equal(s3.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  assert.match(s3.headers.get('access-control-allow-methods') ?? '', /PUT/);
  assert.match(s3.headers.get('access-control-allow-headers') ?? '', /x-amz-content-sha256/);
  assert.match(s3.headers.get('access-control-expose-headers') ?? '', /\bETag\b/);
  const identity = await preflight('/cognito-identity', ALLOWED_ORIGIN);
  assert.equal(identity.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  for (const path of [`/s3/${BUCKET}/public/photo.jpg`, '/cognito-identity']) {
    const denied = await preflight(path, 'http://evil.example');
    assert.equal(denied.headers.get('access-control-allow-origin'), null, path);
  }
  // An answer to a real request carries them too, so the page can read the ETag of what it uploaded.
  const unsigned = await fetch(`http://127.0.0.1:${server.port}/s3/${BUCKET}/public/photo.jpg`, {
    headers: { origin: ALLOWED_ORIGIN },
  });
  assert.equal(unsigned.status, 403);
  assert.equal(unsigned.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
});
