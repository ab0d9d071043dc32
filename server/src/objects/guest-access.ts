/**
 * What a guest of the identity pool may do in the bucket, for a project whose identity pool lets
 * guests in: the IAM grants the Amplify CLI gives the pool's unauthenticated role for guestAccess,
 * plus a guest's own folders, written as IAM writes them. This project's pool gives guests no
 * credentials (allowUnauthenticatedIdentities false), so no request comes signed as a guest;
 * `npm run check:deploy` checks that on AWS the unauthenticated role gets no grant either.
 */

/** IAM's policy variable for the caller's identity id (`<region>:<uuid>`). */
export const OWN_IDENTITY = '${cognito-identity.amazonaws.com:sub}';

export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject';

export interface ObjectGrant {
  /** An object key pattern, as after `arn:aws:s3:::<bucket>/` in the policy's Resource. */
  readonly keys: string;
  readonly actions: readonly ObjectAction[];
}

export const GUEST_OBJECT_GRANTS: readonly ObjectGrant[] = [
  // From cli-inputs.json's guestAccess (create/update, read, delete), as the Amplify CLI builds them.
  { keys: 'public/*', actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] },
  { keys: 'uploads/*', actions: ['s3:PutObject'] },
  { keys: 'protected/*', actions: ['s3:GetObject'] },
  // From override.ts: a guest's own folders, which the CLI grants signed-in users only.
  { keys: `protected/${OWN_IDENTITY}/*`, actions: ['s3:PutObject', 's3:DeleteObject'] },
  { keys: `private/${OWN_IDENTITY}/*`, actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] },
];

/** The `s3:prefix` patterns (StringLike) of the guest's `s3:ListBucket` grants. */
export const GUEST_LIST_PREFIXES: readonly string[] = [
  'public/',
  'public/*',
  'protected/',
  'protected/*',
  `private/${OWN_IDENTITY}/`,
  `private/${OWN_IDENTITY}/*`,
];

/** IAM's StringLike for one identity: `*` is any run of characters, `?` any one; the variable is literal text. */
function likeMatcher(pattern: string, identityId: string): RegExp {
  const escape = (text: string) =>
    text
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
  const literalIdentity = identityId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${pattern.split(OWN_IDENTITY).map(escape).join(literalIdentity)}$`, 's');
}

/** Whether a role's grants allow an action on a key for one identity. */
export function granted(
  grants: readonly ObjectGrant[],
  identityId: string,
  action: ObjectAction,
  key: string,
): boolean {
  return grants.some((grant) => grant.actions.includes(action) && likeMatcher(grant.keys, identityId).test(key));
}

/** Whether a role's `s3:prefix` patterns allow listing a prefix for one identity. */
export function grantedList(prefixes: readonly string[], identityId: string, prefix: string): boolean {
  return prefixes.some((pattern) => likeMatcher(pattern, identityId).test(prefix));
}

export const guestMay = (identityId: string, action: ObjectAction, key: string): boolean =>
  granted(GUEST_OBJECT_GRANTS, identityId, action, key);

export const guestMayList = (identityId: string, prefix: string): boolean =>
  grantedList(GUEST_LIST_PREFIXES, identityId, prefix);
