/**
 * Amplify Storage, unchanged apart from patches/@aws-amplify+storage+*.patch, against the server's
 * S3 subset with a guest's credentials from its Cognito Identity subset. Stock Amplify Storage
 * refuses a plain-http endpoint, so every step here fails without the patch.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import * as amplifyEsm from 'aws-amplify';
import * as storageEsm from 'aws-amplify/storage';

import type { RunningServer } from '../src/server.ts';
import { GUESTS_ALLOWED, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, pattern, POOL_ID, REGION } from './storage-client.ts';

// The browser bundle takes the ES module build; a Node `require` takes the CommonJS one. Each has
// its own copy of the patched files and its own Amplify singleton.
const require = createRequire(import.meta.url);
const builds: [string, typeof amplifyEsm, typeof storageEsm][] = [
  ['ES module', amplifyEsm, storageEsm],
  ['CommonJS', require('aws-amplify') as typeof amplifyEsm, require('aws-amplify/storage') as typeof storageEsm],
];

const db = tempDbPath();
let server: RunningServer;

before(async () => {
  server = await startTestServer(db.path, GUESTS_ALLOWED);
});
after(async () => {
  await server.close();
  db.cleanup();
});

function configure({ Amplify }: typeof amplifyEsm, origin: string): void {
  Amplify.configure({
    Auth: {
      Cognito: { identityPoolId: POOL_ID, allowGuestAccess: true, identityPoolEndpoint: `${origin}/cognito-identity` },
    },
    Storage: { S3: { bucket: BUCKET, region: REGION, dangerouslyConnectToHttpEndpointForTesting: `${origin}/s3` } },
  });
}

for (const [name, amplify, storage] of builds) {
  test(`${name} build: a guest uploads, links, downloads, lists and removes public and protected photos`, async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    configure(amplify, origin);
    const { uploadData, getUrl, downloadData, list, remove } = storage;
    const photo = pattern(70_000, name.length);
    const publicPath = `public/jobs/j1/${name.replace(' ', '-')}.jpg`;

    const uploaded = await uploadData({ path: publicPath, data: photo, options: { contentType: 'image/jpeg' } }).result;
    assert.equal(uploaded.path, publicPath);

    // The Gen 1 layout: protected files under the guest's identity, which Amplify got from the server.
    let identityId = '';
    const ownPhoto = await uploadData({
      path: ({ identityId: id }) => {
        identityId = id ?? '';
        return `protected/${id}/photo.jpg`;
      },
      data: photo.subarray(0, 1000),
    }).result;
    assert.match(identityId, /^us-east-1:[0-9a-f-]{36}$/);
    assert.equal(ownPhoto.path, `protected/${identityId}/photo.jpg`);

    const { url } = await getUrl({ path: publicPath, options: { validateObjectExistence: true } });
    assert.equal(url.origin, origin);
    assert.equal(url.pathname, `/s3/${BUCKET}/${publicPath}`);
    const linked = await fetch(url);
    assert.equal(linked.status, 200);
    assert.deepEqual(Buffer.from(await linked.arrayBuffer()), photo);

    const downloaded = await downloadData({ path: ownPhoto.path }).result;
    const blob = await downloaded.body.blob();
    assert.deepEqual(Buffer.from(new Uint8Array(await blob.arrayBuffer())), photo.subarray(0, 1000));

    const listed = await list({ path: 'public/jobs/j1/' });
    assert.deepEqual(
      listed.items.map((item) => [item.path, item.size]),
      [[publicPath, photo.length]],
    );

    await remove({ path: publicPath });
    await remove({ path: ownPhoto.path });
    assert.deepEqual((await list({ path: 'public/jobs/j1/' })).items, []);
    assert.equal((await fetch(url)).status, 404);
  });
}
