import { MAX_OBJECT_KEY_BYTES } from '../limits.ts';
import { guestMay, guestMayList, type ObjectAction } from './guest-access.ts';
import { accessDenied, S3Error } from './s3-error.ts';
import { signedInMay, signedInMayList } from './signed-in-access.ts';

/** Who signed a request: an identity of the identity pool, a signed-in user's or a guest's. */
export interface Principal {
  identityId: string;
  authenticated: boolean;
}

/**
 * Amplify Storage's Gen 1 layout, per request: the rules of the IAM policies the deployed stack
 * gives the identity pool's authenticated role (signed-in-access.ts) or unauthenticated role
 * (guest-access.ts). Each S3 operation needs the IAM action AWS checks for it; the steps of a
 * multipart upload need s3:PutObject, and its abort and part listing are its initiator's, as on AWS.
 */
const may = (who: Principal, action: ObjectAction, key: string) =>
  (who.authenticated ? signedInMay : guestMay)(who.identityId, action, key);
export const mayRead = (who: Principal, key: string): boolean => may(who, 's3:GetObject', key);
export const mayWrite = (who: Principal, key: string): boolean => may(who, 's3:PutObject', key);
export const mayDelete = (who: Principal, key: string): boolean => may(who, 's3:DeleteObject', key);
/** A listing needs s3:ListBucket for its prefix. */
export const mayList = (who: Principal, prefix: string): boolean =>
  (who.authenticated ? signedInMayList : guestMayList)(who.identityId, prefix);

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
