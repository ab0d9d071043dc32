import type { IdentityRole } from '../identity/role-mapping.ts';
import { MAX_OBJECT_KEY_BYTES } from '../limits.ts';
import { GUEST_GRANTS } from './guest-access.ts';
import { granted, grantedList, type ObjectAction, type PolicySession, type RoleGrants } from './policy-match.ts';
import { accessDenied, S3Error } from './s3-error.ts';
import { AUTHENTICATED_GRANTS, GROUP_GRANTS } from './signed-in-access.ts';

/** Who signed a request: an identity of the identity pool, the role its credentials are for, and their principal tags. */
export interface Principal extends PolicySession {
  role: IdentityRole;
}

const grantsOf = (role: IdentityRole): RoleGrants =>
  role === 'guests' ? GUEST_GRANTS : role === 'authenticated' ? AUTHENTICATED_GRANTS : GROUP_GRANTS[role];

/**
 * Amplify Storage's Gen 1 layout, per request: the rules of the IAM policies the deployed stacks give
 * the role the identity pool chose (signed-in-access.ts, guest-access.ts). Each S3 operation needs
 * the IAM action AWS checks for it; the steps of a multipart upload need s3:PutObject, and its abort
 * and part listing are its initiator's, as on AWS.
 */
const may = (who: Principal, action: ObjectAction, key: string) => granted(grantsOf(who.role), who, action, key);
export const mayRead = (who: Principal, key: string): boolean => may(who, 's3:GetObject', key);
export const mayWrite = (who: Principal, key: string): boolean => may(who, 's3:PutObject', key);
export const mayDelete = (who: Principal, key: string): boolean => may(who, 's3:DeleteObject', key);
/** A listing needs s3:ListBucket for its prefix. */
export const mayList = (who: Principal, prefix: string): boolean => grantedList(grantsOf(who.role), who, prefix);

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
