/**
 * What a signed-in user of the identity pool may do in the bucket: the IAM grants the Amplify CLI
 * gives the pool's authenticated role for cli-inputs.json's authAccess (create/update, read,
 * delete), as IAM writes them. Photos of crews' work are shared with the crew (`public/`), readable
 * by all signed-in users where their author put them (`protected/`), or the user's own (`private/`).
 */
import {
  granted,
  grantedList,
  GUEST_LIST_PREFIXES,
  type ObjectAction,
  type ObjectGrant,
  OWN_IDENTITY,
} from './guest-access.ts';

export const SIGNED_IN_OBJECT_GRANTS: readonly ObjectGrant[] = [
  { keys: 'public/*', actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] },
  { keys: `protected/${OWN_IDENTITY}/*`, actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] },
  { keys: `private/${OWN_IDENTITY}/*`, actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] },
  { keys: 'uploads/*', actions: ['s3:PutObject'] },
  { keys: 'protected/*', actions: ['s3:GetObject'] },
];

/**
 * The `s3:prefix` patterns (StringLike) of the authenticated role's `s3:ListBucket` grant: public/,
 * protected/ and the user's own private/ folder. `npm run check:deploy` compares this table and the
 * one above with the policies of the compiled storage stack, grant by grant.
 */
export const SIGNED_IN_LIST_PREFIXES: readonly string[] = GUEST_LIST_PREFIXES;

export const signedInMay = (identityId: string, action: ObjectAction, key: string): boolean =>
  granted(SIGNED_IN_OBJECT_GRANTS, identityId, action, key);

export const signedInMayList = (identityId: string, prefix: string): boolean =>
  grantedList(SIGNED_IN_LIST_PREFIXES, identityId, prefix);
