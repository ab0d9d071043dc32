import { MAX_OBJECT_KEY_BYTES } from '../limits.ts';
import { guestMay, guestMayList } from './guest-access.ts';
import { accessDenied, S3Error } from './s3-error.ts';

/**
 * Amplify Storage's Gen 1 layout for guests, per request: the rules of the IAM policies the deployed
 * stack gives the identity pool's unauthenticated role (guest-access.ts). Each S3 operation needs the
 * IAM action AWS checks for it; the steps of a multipart upload need s3:PutObject, and its abort and
 * part listing are its initiator's, as on AWS.
 */
export const mayRead = (identityId: string, key: string): boolean => guestMay(identityId, 's3:GetObject', key);
export const mayWrite = (identityId: string, key: string): boolean => guestMay(identityId, 's3:PutObject', key);
export const mayDelete = (identityId: string, key: string): boolean => guestMay(identityId, 's3:DeleteObject', key);
/** A listing needs s3:ListBucket for its prefix. */
export const mayList = (identityId: string, prefix: string): boolean => guestMayList(identityId, prefix);

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
