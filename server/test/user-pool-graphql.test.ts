import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import WebSocket from 'ws';

import { transformSdl } from '../../scripts/transform.ts';
import type { RunningServer } from '../src/server.ts';
import { CREW_AUTH_MODES, CREW_SCHEMA, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY } from './crew-schema.ts';
import { API_KEY, startTestServer, tempDbPath } from './harness.ts';
import { configureAuth, confirmInvitation } from './user-pool-client.ts';

// An API whose default mode is the user pool, as AppSync serves it: who may do what follows the
// schema's @auth groups, checked on the access token Amplify's own client got by signing in.
const db = tempDbPath();
let server: RunningServer;
const tokens: Record<string, string> = {};

async function accessTokenOf(email: string, password: string): Promise<string> {
  await signIn({ username: email, password });
  const token = (await fetchAuthSession()).tokens?.accessToken.toString();
  await signOut();
  assert.ok(token, `${email} got an access token`);
  return token;
}

async function graphql(credentials: Record<string, string>, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}
const as = (who: string) => ({ authorization: tokens[who]! });

const CREATE_SITE = 'mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }';
const CREATE_JOB = 'mutation($input: CreateJobInput!) { createJob(input: $input) { id title } }';
const DELETE_JOB = 'mutation($input: DeleteJobInput!) { deleteJob(input: $input) { id } }';
const SYNC_JOBS = '{ syncJobs(limit: 100) { items { id title _deleted } } }';

before(async () => {
  server = await startTestServer(db.path, {
    schemaSdl: transformSdl(CREW_SCHEMA, CREW_SCHEMA_CONFLICTS, USER_POOLS_WITH_API_KEY as never),
    sourceSdl: CREW_SCHEMA,
    conflicts: CREW_SCHEMA_CONFLICTS,
    authModes: CREW_AUTH_MODES,
    seed: 'none',
  });
  await configureAuth(server.url);
  for (const [who, group] of [
    ['office', 'Office'],
    ['crew', 'Crew'],
    ['viewer', 'Viewer'],
  ] as const) {
    await confirmInvitation(db.path, `${who}@fieldbook.test`, `${who}-password-1`, group);
    tokens[who] = await accessTokenOf(`${who}@fieldbook.test`, `${who}-password-1`);
  }
});
after(async () => {
  await server.close();
  db.cleanup();
});

describe('an API on the user pool, with group rules', () => {
  let siteID = '';
  let jobID = '';

  it('refuses a request with no credentials, or a forged or altered token, before reading it', async () => {
    const [header, payload, signature] = tokens['viewer']!.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['Office'] })).toString('base64url');
    const presented: Record<string, string>[] = [
      {},
      { authorization: 'not-a-token' },
      { authorization: `${header}.${promoted}.${signature}` },
    ];
    for (const credentials of presented) {
      const answer = await graphql(credentials, SYNC_JOBS);
      assert.equal(answer.status, 401, JSON.stringify(credentials).slice(0, 40));
      assert.equal(answer.body.errors[0].errorType, 'UnauthorizedException');
    }
  });

  it('lets the Office create a site and the crew create a job on it', async () => {
    const site = await graphql(as('office'), CREATE_SITE, { input: { name: 'Weir 2' } });
    siteID = site.body.data.createSite.id;
    const job = await graphql(as('crew'), CREATE_JOB, { input: { siteID, title: 'Clear grating' } });
    assert.deepEqual(job.body.errors, undefined);
    jobID = job.body.data.createJob.id;
  });

  it("refuses what a group may not do in AppSync's words, and changes nothing", async () => {
    const refusals = [
      await graphql(as('crew'), DELETE_JOB, { input: { id: jobID } }),
      await graphql(as('crew'), CREATE_SITE, { input: { name: 'Not mine to add' } }),
      await graphql(as('viewer'), CREATE_JOB, { input: { siteID, title: 'Viewer job' } }),
      await graphql({ 'x-api-key': API_KEY }, CREATE_JOB, { input: { siteID, title: 'Key job' } }),
    ];
    for (const answer of refusals) {
      assert.equal(answer.status, 200);
      assert.equal(answer.body.errors[0].errorType, 'Unauthorized');
      assert.match(
        answer.body.errors[0].message,
        /^Not Authorized to access (deleteJob|createSite|createJob) on type Mutation$/,
      );
    }
    // Crew may update jobs but not delete them: clearing a field counts as deleting it, as AppSync says.
    const cleared = await graphql(as('crew'), 'mutation($input: UpdateJobInput!) { updateJob(input: $input) { id } }', {
      input: { id: jobID, siteID: null, _version: 1 },
    });
    assert.equal(cleared.body.errors[0].errorType, 'Unauthorized');
    assert.equal(cleared.body.errors[0].message, 'Unauthorized on [siteID]');
    const jobs = await graphql(as('office'), SYNC_JOBS);
    assert.deepEqual(
      jobs.body.data.syncJobs.items.map((job: { title: string; _deleted: boolean | null }) => [
        job.title,
        job._deleted,
      ]),
      [['Clear grating', null]],
    );
  });

  it('lets every group read jobs, and the public API key too, as `operations: [read]` says', async () => {
    for (const credentials of [as('office'), as('crew'), as('viewer'), { 'x-api-key': API_KEY }]) {
      const answer = await graphql(credentials, SYNC_JOBS);
      assert.equal(answer.body.data.syncJobs.items.length, 1);
    }
  });

  it("checks a relation field by its target's rules: the public API key reads jobs but not their sites", async () => {
    const query = '{ syncJobs(limit: 100) { items { title site { name } } } }';
    const crew = await graphql(as('crew'), query);
    assert.deepEqual(crew.body.data.syncJobs.items, [{ title: 'Clear grating', site: { name: 'Weir 2' } }]);
    const key = await graphql({ 'x-api-key': API_KEY }, query);
    assert.deepEqual(key.body.data.syncJobs.items, [{ title: 'Clear grating', site: null }]);
    assert.equal(key.body.errors[0].errorType, 'Unauthorized');
    assert.equal(key.body.errors[0].message, 'Not Authorized to access site on type Job');
    const sites = await graphql(
      { 'x-api-key': API_KEY },
      `
        query ($id: ID!) {
          getSite(id: $id) {
            jobs {
              items {
                id
              }
            }
          }
        }
      `,
      {
        id: siteID,
      },
    );
    assert.equal(sites.body.errors[0].message, 'Not Authorized to access getSite on type Query');
  });

  it('accepts a real-time subscription from a group that may read, and refuses one from outside', async () => {
    const startWith = async (authorization: Record<string, string>) => {
      const header = Buffer.from(JSON.stringify({ host: 'h', ...authorization })).toString('base64url');
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/graphql/realtime`, ['graphql-ws', `header-${header}`]);
      const frames: { type: string; payload?: { errors?: { errorType: string }[] } }[] = [];
      ws.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.send(JSON.stringify({ type: 'connection_init' }));
      const until = async (type: string) => {
        for (let tries = 0; tries < 300 && !frames.some((frame) => frame.type === type); tries++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return frames.find((frame) => frame.type === type);
      };
      const first = await Promise.race([until('connection_ack'), until('connection_error')]);
      if (first?.type === 'connection_error') {
        ws.close();
        return 'connection_error';
      }
      ws.send(
        JSON.stringify({
          id: 's1',
          type: 'start',
          payload: {
            data: JSON.stringify({ query: 'subscription { onCreateSite { id } }' }),
            extensions: { authorization: { host: 'h', ...authorization } },
          },
        }),
      );
      const answer = await Promise.race([until('start_ack'), until('error')]);
      ws.close();
      return answer?.type === 'error' ? answer.payload?.errors?.[0]?.errorType : answer?.type;
    };

    assert.equal(await startWith({ Authorization: tokens['viewer']! }), 'start_ack');
    assert.equal(await startWith({ 'x-api-key': API_KEY }), 'Unauthorized', 'sites are not public');
    assert.equal(await startWith({}), 'connection_error');
  });
});
