import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { PHOTO_DATABASE, PhotoBytes, type StoredPhoto } from './photo-bytes';

const photo = (hash: string): StoredPhoto => ({
  hash,
  blob: new Blob([`bytes of ${hash}`], { type: 'image/jpeg' }),
  thumbnail: new Blob([`thumb of ${hash}`], { type: 'image/jpeg' }),
  contentType: 'image/jpeg',
  savedAt: 1,
});

function deleteDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(PHOTO_DATABASE);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('delete failed'));
  });
}

describe('PhotoBytes (the app’s own IndexedDB database for photos)', () => {
  let bytes: PhotoBytes;

  beforeEach(async () => {
    await deleteDatabase();
    bytes = TestBed.inject(PhotoBytes);
  });

  afterEach(async () => {
    TestBed.resetTestingModule();
    await deleteDatabase();
  });

  it('keeps a photo by content hash with its upload queued, and survives a new connection (a reload)', async () => {
    await bytes.save(photo('h1'), { key: 'public/photos/j/h1.jpg', hash: 'h1', contentType: 'image/jpeg' });

    TestBed.resetTestingModule();
    const reopened = TestBed.inject(PhotoBytes);
    const stored = await reopened.get('h1');
    expect(await stored?.blob.text()).toBe('bytes of h1');
    expect(await stored?.thumbnail?.text()).toBe('thumb of h1');
    expect(await reopened.waitingUploads()).toBe(1);
    expect((await reopened.transfers()).map((transfer) => [transfer.key, transfer.kind, transfer.attempts])).toEqual([
      ['public/photos/j/h1.jpg', 'upload', 0],
    ]);
  });

  it('queues one upload for bytes saved twice under one key, and keeps a retry’s state', async () => {
    const upload = { key: 'public/photos/j/h1.jpg', hash: 'h1', contentType: 'image/jpeg' };
    await bytes.save(photo('h1'), upload);
    const [queued] = await bytes.transfers();
    await bytes.putTransfer({ ...queued!, attempts: 2, notBefore: 99 });
    await bytes.save(photo('h1'), upload);

    expect(await bytes.waitingUploads()).toBe(1);
    expect((await bytes.transfer(upload.key))?.attempts).toBe(2);
    await bytes.finishTransfer(upload.key);
    expect(await bytes.waitingUploads()).toBe(0);
  });

  it('queues the upload of a photo attached again while its removal still waits', async () => {
    const upload = { key: 'public/photos/j/h1.jpg', hash: 'h1', contentType: 'image/jpeg' };
    await bytes.putTransfer({ ...upload, kind: 'remove', attempts: 3, notBefore: 99 });

    await bytes.save(photo('h1'), upload);

    expect(await bytes.transfer(upload.key)).toEqual(jasmine.objectContaining({ kind: 'upload', attempts: 0 }));
  });

  it('saves a photo and its upload both or neither: a failed save leaves what was saved before', async () => {
    await bytes.save(photo('h1'), { key: 'k1', hash: 'h1', contentType: 'image/jpeg' });
    const unsavable = { ...photo('h2'), blob: (() => undefined) as unknown as Blob };

    await expectAsync(bytes.save(unsavable, { key: 'k2', hash: 'h2', contentType: 'image/jpeg' })).toBeRejected();

    expect(await bytes.get('h2')).toBeUndefined();
    expect(await bytes.transfer('k2')).toBeUndefined();
    expect(await (await bytes.get('h1'))?.blob.text()).toBe('bytes of h1');
  });

  it('announces each change, so thumbnails and counts follow', async () => {
    const changed = firstValueFrom(bytes.changes());

    await bytes.save(photo('h1'));

    await expectAsync(changed).toBeResolved();
  });
});
