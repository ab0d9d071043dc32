import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

import {
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

import { serverEntry } from '../../testing/server-process.ts';
import { repositoryRoot } from '../src/amplify-project.ts';
import { objectsDirFor } from '../src/objects/object-store.ts';
import { GUESTS_ALLOWED, startTestServer, tempDbPath } from './harness.ts';
import { BUCKET, guest, outcome, pattern, s3Client } from './storage-client.ts';

const cleanups: (() => void | Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The backup command as an operator runs it, beside the serving server. */
async function runBackup(dbPath: string, target: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [...serverEntry('backup-main'), target], {
    cwd: repositoryRoot,
    env: { ...process.env, FIELDBOOK_DB: dbPath },
  });
  return stdout;
}

test(
  'the backup command copies the photos its snapshot names; a restore from it serves them to a new guest',
  { timeout: 60_000 },
  async () => {
    const live = tempDbPath();
    const server = await startTestServer(live.path, GUESTS_ALLOWED);
    cleanups.push(
      () => server.close(),
      () => live.cleanup(),
    );
    const owner = await guest(server.port);
    const s3 = s3Client(server.port, owner);
    const kept = { key: `protected/${owner.identityId}/pump.jpg`, bytes: pattern(700_000, 1) };
    const replaced = { key: 'public/gauge.jpg', bytes: pattern(1000, 2) };
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: kept.key, Body: kept.bytes, ContentType: 'image/jpeg' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: replaced.key, Body: pattern(10, 3) }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: replaced.key, Body: replaced.bytes }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/deleted.jpg', Body: 'gone' }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'public/deleted.jpg' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'public/half.jpg' }));
    await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: 'public/half.jpg', UploadId, PartNumber: 1, Body: 'part' }),
    );

    const restored = tempDbPath();
    cleanups.push(() => restored.cleanup());
    const backupFile = `${restored.path}.backup`;
    assert.match(await runBackup(live.path, backupFile), /2 object files \(701000 bytes\)/);
    await assert.rejects(runBackup(live.path, backupFile), /exists/);
    assert.equal(readdirSync(join(objectsDirFor(backupFile), 'data')).length, 2, 'only the files of current objects');

    // Changes after the backup are not in it.
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: kept.key, Body: 'changed after the backup' }));

    // Restore: the backup file and its objects folder take the places of the database and its folder.
    copyFileSync(backupFile, restored.path);
    cpSync(objectsDirFor(backupFile), objectsDirFor(restored.path), { recursive: true });
    const fresh = await startTestServer(restored.path, GUESTS_ALLOWED);
    cleanups.push(() => fresh.close());
    const newcomer = s3Client(fresh.port, await guest(fresh.port));
    for (const { key, bytes } of [kept, replaced]) {
      const got = await newcomer.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes), key);
    }
    assert.equal(
      await outcome(newcomer.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/deleted.jpg' }))),
      '404 NoSuchKey',
    );
    // The owner's credentials are in the restored database too, and still theirs.
    const restoredOwner = s3Client(fresh.port, owner);
    assert.equal(
      await outcome(restoredOwner.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${kept.key}.2`, Body: 'x' }))),
      'ok',
    );
    assert.equal(
      await outcome(
        restoredOwner.send(
          new UploadPartCommand({ Bucket: BUCKET, Key: 'public/half.jpg', UploadId, PartNumber: 2, Body: 'x' }),
        ),
      ),
      '404 NoSuchUpload',
      'an upload under way at the backup is not restored; the device starts it again',
    );
  },
);
