/**
 * Override of the photo bucket's stack (`amplify override storage`): the Amplify CLI compiles this
 * file with amplify/backend/package.json and runs it after it builds the stack from cli-inputs.json.
 *
 * There is no sign-in yet, so every device is a guest of the identity pool. From `guestAccess` the
 * CLI gives the guest role `public/*` (the chosen actions), `uploads/*` (PutObject) and read access to
 * `protected/*`, but none of a guest's own folders: those it grants signed-in users only. This adds
 * them for the guest role with the same policy variable, so a device's identity writes and deletes
 * in `protected/{identityId}/` and owns `private/{identityId}/`, as the local server allows.
 * `npm run check:deploy` compares every guest grant of the compiled stack with the local server's
 * table (server/src/objects/guest-access.ts).
 *
 * No imports: the CLI compiles this file alone (build/tsconfig.resource.json, for ES2015), and the
 * structural type below is all it needs of the stack.
 */

interface S3Resources {
  addCfnResource(props: { type: string; properties: Record<string, unknown> }, logicalId: string): void;
}

const OWN_ID = '${cognito-identity.amazonaws.com:sub}';

const objects = (path: string) => ({ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'S3Bucket' }, path]] });

export function override(resources: S3Resources): void {
  resources.addCfnResource(
    {
      type: 'AWS::IAM::Policy',
      properties: {
        PolicyName: { 'Fn::Join': ['', ['guest_own_', { Ref: 'unauthPolicyName' }]] },
        Roles: [{ Ref: 'unauthRoleName' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:DeleteObject'],
              Resource: [objects(`/protected/${OWN_ID}/*`)],
            },
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
              Resource: [objects(`/private/${OWN_ID}/*`)],
            },
            {
              Effect: 'Allow',
              Action: ['s3:ListBucket'],
              Resource: [{ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'S3Bucket' }]] }],
              Condition: { StringLike: { 's3:prefix': [`private/${OWN_ID}/`, `private/${OWN_ID}/*`] } },
            },
          ],
        },
      },
    },
    'S3GuestOwnPolicy',
  );
}
