import { InjectionToken } from '@angular/core';
import { Amplify } from 'aws-amplify';

/**
 * Amplify Storage (and the CommonJS modules it brings) loads with the first transfer, not with the
 * app. Its upload path bundles the `buffer` package, which reads Node's `global` as it loads;
 * Amplify's Angular setup defines it as the window.
 */
const amplifyStorage = () => {
  (globalThis as { global?: unknown }).global ??= globalThis;
  return import('aws-amplify/storage');
};

/** What the photo queue needs of Amplify Storage; a token, so specs can stand in for S3. */
export interface PhotoStorage {
  /** Whether a bucket is configured in this tab (only the sync leader configures Amplify). */
  configured(): boolean;
  exists(key: string): Promise<boolean>;
  upload(key: string, data: Blob, contentType: string): Promise<void>;
  download(key: string): Promise<Blob>;
  remove(key: string): Promise<void>;
  /** CopyObject within the bucket: the bytes, type and metadata of `from` at `to`. */
  copy(from: string, to: string): Promise<void>;
}

export const PHOTO_STORAGE = new InjectionToken<PhotoStorage>('Amplify Storage for photos', {
  providedIn: 'root',
  factory: () => amplifyPhotoStorage,
});

const amplifyPhotoStorage: PhotoStorage = {
  configured: () => Boolean(Amplify.getConfig().Storage?.S3?.bucket),
  async exists(key) {
    const { getProperties } = await amplifyStorage();
    try {
      await getProperties({ path: key });
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'NotFound') return false;
      throw error;
    }
  },
  async upload(key, data, contentType) {
    const { uploadData } = await amplifyStorage();
    await uploadData({ path: key, data, options: { contentType } }).result;
  },
  async download(key) {
    const { downloadData } = await amplifyStorage();
    const { body } = await downloadData({ path: key }).result;
    return body.blob();
  },
  async remove(key) {
    const { remove } = await amplifyStorage();
    await remove({ path: key });
  },
  async copy(from, to) {
    const { copy } = await amplifyStorage();
    await copy({ source: { path: from }, destination: { path: to } });
  },
};
