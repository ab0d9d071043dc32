/**
 * What a guest of the identity pool may do in the bucket, for a project whose identity pool lets
 * guests in: the IAM grants the Amplify CLI gives the pool's unauthenticated role for guestAccess,
 * plus a guest's own folders, written as IAM writes them. This project's pool gives guests no
 * credentials (allowUnauthenticatedIdentities false), so no request comes signed as a guest;
 * `npm run check:deploy` checks that on AWS the unauthenticated role gets no grant either.
 */
import { OWN_IDENTITY, type RoleGrants } from './policy-match.ts';

export const GUEST_GRANTS: RoleGrants = {
  objects: [
    // From cli-inputs.json's guestAccess (create/update, read, delete), as the Amplify CLI builds them.
    { keys: 'public/*', actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] },
    { keys: 'uploads/*', actions: ['s3:PutObject'] },
    { keys: 'protected/*', actions: ['s3:GetObject'] },
    // From override.ts: a guest's own folders, which the CLI grants signed-in users only.
    { keys: `protected/${OWN_IDENTITY}/*`, actions: ['s3:PutObject', 's3:DeleteObject'] },
    { keys: `private/${OWN_IDENTITY}/*`, actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] },
  ],
  listPrefixes: [
    'public/',
    'public/*',
    'protected/',
    'protected/*',
    `private/${OWN_IDENTITY}/`,
    `private/${OWN_IDENTITY}/*`,
  ],
};
