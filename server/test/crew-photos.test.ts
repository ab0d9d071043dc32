/**
 * Crews' photos in the object store, as IAM judges them on AWS (ARCHITECTURE.md, "Crews' photos"):
 * real Amplify Auth and Amplify Storage against the server, each person signed in with SRP and
 * holding the identity pool's credentials for the role of their group, tagged with their crews.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { downloadData, list, remove, uploadData } from 'aws-amplify/storage';

import { withPoolAdmin } from '../../testing/crew-members.ts';
import { crewGroupOf } from '../src/crews/crew-directory.ts';
import type { RunningServer } from '../src/server.ts';
import type { Group } from '../src/user-pool/user-store.ts';
import { CREW_AUTH_MODES } from './crew-schema.ts';
import { addAccount, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, REGION } from './storage-client.ts';
import { configureIdentityPool } from './user-pool-client.ts';

const db = tempDbPath();
let server: RunningServer;

const PEOPLE: Record<string, Group> = { nora: 'Crew', sam: 'Crew', olivia: 'Office', vera: 'Viewer' };
const email = (who: string) => `${who}@fieldbook.test`;
/** A photo of one of a crew's jobs, where the app stores it. */
const photoOf = (crew: string, job: string) => `public/crews/${crew}/photos/${job}/a1.jpg`;
/** A photo stored before crews: its key names no crew. */
const OLD_PHOTO = 'public/photos/job-0/a0.jpg';

function setInCrew(who: string, crew: string, member: boolean): void {
  withPoolAdmin(db.path, (admin) => admin.setInCrew(email(who), crewGroupOf(crew), member));
}

/** Amplify Auth and Storage pointed at the server, as the app configures them, signed out. */
const configure = () => configureIdentityPool(server.url, false, { name: BUCKET, region: REGION });

/** What an Amplify Storage call came to: 'ok', or the name of the error S3 answered. */
async function outcome(call: PromiseLike<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

/** The four things a person does with photos, each as its outcome. */
const photos = {
  put: (path: string) => outcome(uploadData({ path, data: `photo at ${path}` }).result),
  get: (path: string) => outcome(downloadData({ path }).result.then(({ body }) => body.text())),
  remove: (path: string) => outcome(remove({ path })),
  list: (path: string) => outcome(list({ path })),
};

/** Signs `who` in (new tokens, so their crews as they are now), acts, and signs out. */
async function as<T>(who: string, act: () => Promise<T>): Promise<T> {
  await configure();
  await signIn({ username: email(who), password: `${who}-password-1` });
  try {
    assert.ok((await fetchAuthSession()).credentials, `${who} got credentials`);
    return await act();
  } finally {
    await signOut();
  }
}

before(async () => {
  server = await startTestServer(db.path, { authModes: CREW_AUTH_MODES, allowGuests: false });
  for (const [who, group] of Object.entries(PEOPLE)) addAccount(db.path, email(who), `${who}-password-1`, group);
  setInCrew('nora', 'north', true);
  setInCrew('sam', 'south', true);
  await as('sam', () => photos.put(photoOf('south', 'job-s')));
  await as('olivia', () => photos.put(OLD_PHOTO));
});
after(async () => {
  await server.close();
  db.cleanup();
});

describe("a crew's photos", () => {
  it("are a member's to put, get, list and delete, and another crew's are refused", async () => {
    const results = await as('nora', async () => ({
      put: await photos.put(photoOf('north', 'job-n')),
      get: await photos.get(photoOf('north', 'job-n')),
      list: await photos.list('public/crews/north/'),
      remove: await photos.remove(photoOf('north', 'job-n')),
      south: {
        get: await photos.get(photoOf('south', 'job-s')),
        put: await photos.put(photoOf('south', 'job-n')),
        remove: await photos.remove(photoOf('south', 'job-s')),
        list: await photos.list('public/crews/south/'),
      },
      everyCrew: await photos.list('public/crews/'),
      beforeCrews: await photos.get(OLD_PHOTO),
    }));
    assert.deepEqual(results, {
      put: 'ok',
      get: 'ok',
      list: 'ok',
      remove: 'ok',
      south: { get: 'AccessDenied', put: 'AccessDenied', remove: 'AccessDenied', list: 'AccessDenied' },
      everyCrew: 'AccessDenied',
      beforeCrews: 'AccessDenied',
    });
    assert.equal(await as('sam', () => photos.get(photoOf('south', 'job-s'))), 'ok', "south's photo is still there");
  });

  it('follow the crews a person is in at their next sign-in: a second crew, then one left', async () => {
    setInCrew('nora', 'south', true);
    assert.deepEqual(
      await as('nora', async () => [
        await photos.get(photoOf('south', 'job-s')),
        await photos.list('public/crews/north/'),
      ]),
      ['ok', 'ok'],
    );
    setInCrew('nora', 'north', false);
    assert.deepEqual(
      await as('nora', async () => [
        await photos.get(photoOf('south', 'job-s')),
        await photos.list('public/crews/north/'),
      ]),
      ['ok', 'AccessDenied'],
    );
    setInCrew('nora', 'south', false);
    setInCrew('nora', 'north', true);
  });
});

describe("every crew's photos", () => {
  it('are Office’s to read, write and delete, those from before crews included', async () => {
    const results = await as('olivia', async () => [
      await photos.get(photoOf('south', 'job-s')),
      await photos.get(OLD_PHOTO),
      await photos.list('public/'),
      await photos.put(photoOf('north', 'job-o')),
      await photos.remove(photoOf('north', 'job-o')),
    ]);
    assert.deepEqual(results, ['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('are a Viewer’s to read and list, never to write or delete', async () => {
    const results = await as('vera', async () => ({
      read: [await photos.get(photoOf('south', 'job-s')), await photos.get(OLD_PHOTO), await photos.list('public/')],
      write: [await photos.put(photoOf('south', 'job-v')), await photos.remove(photoOf('south', 'job-s'))],
    }));
    assert.deepEqual(results, { read: ['ok', 'ok', 'ok'], write: ['AccessDenied', 'AccessDenied'] });
  });

  it('are nothing to someone not signed in: the identity pool gives guests no credentials', async () => {
    await configure();
    assert.equal((await fetchAuthSession()).credentials, undefined);
    assert.notEqual(await photos.get(photoOf('south', 'job-s')), 'ok');
    assert.notEqual(await photos.list('public/'), 'ok');
  });
});
