import { MAX_OBJECT_KEY_BYTES } from '../limits.ts';
import { accessDenied, S3Error } from './s3-error.ts';

/**
 * Amplify Storage's Gen 1 layout: `public/` is everyone's, `protected/{identityId}/` is readable by
 * everyone and writable by its identity, `private/{identityId}/` is its identity's only. These are the
 * rules of the IAM policies the Amplify CLI gives a guest role, applied per request.
 */
export function mayRead(identityId: string, key: string): boolean {
  return key.startsWith('public/') || key.startsWith('protected/') || key.startsWith(`private/${identityId}/`);
}

export function mayWrite(identityId: string, key: string): boolean {
  return (
    key.startsWith('public/') || key.startsWith(`protected/${identityId}/`) || key.startsWith(`private/${identityId}/`)
  );
}

/** A listing may cover only keys its caller may read. */
export function mayList(identityId: string, prefix: string): boolean {
  return mayRead(identityId, prefix);
}

export function assertAllowed(allowed: boolean): void {
  if (!allowed) throw accessDenied();
}

/**
 * Keys are S3 keys, not paths, but `.` and `..` segments, control characters and over-long keys are
 * refused: they are never Amplify's, and a key that reads as a path can slip past a prefix rule
 * wherever something later resolves it.
 */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > MAX_OBJECT_KEY_BYTES) throw new S3Error('KeyTooLongError', 400, 'Your key is too long.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key) || key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new S3Error(
      'InvalidArgument',
      400,
      'Object keys may not contain control characters or "." or ".." segments.',
    );
  }
}
