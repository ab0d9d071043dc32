/**
 * Override of the photo bucket's stack (`amplify override storage`): the Crew group's role reaches
 * its crews' photos only. The CLI's group access grants a group the whole bucket, so Crew is not in
 * cli-inputs.json's groupAccess; its policy is added here. Each statement names one of the session's
 * principal tags (`crew1` … `crew4`, one crew id each, set by the identity pool from the ID token's
 * `custom:crew1` … attributes: the auth resource's override.ts); IAM matches no key for a tag the
 * session lacks. The local server's table is server/src/objects/signed-in-access.ts, and
 * `npm run check:deploy` compares the two.
 *
 * No imports: the CLI compiles this file alone, and the structural type below is all it needs.
 */

interface StorageResources {
  addCfnResource(props: { type: string; properties: Record<string, unknown> }, logicalId: string): void;
}

const CREW_TAGS = ['crew1', 'crew2', 'crew3', 'crew4'];
const bucketArn = (path: string) => ({ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'S3Bucket' }, path]] });
const crewFolder = (tag: string) => `public/crews/\${aws:PrincipalTag/${tag}}/`;

export function override(resources: StorageResources): void {
  resources.addCfnResource(
    {
      type: 'AWS::IAM::Policy',
      properties: {
        PolicyName: 'Crew-group-s3-policy',
        // The role the CLI makes for the Crew group (auth/userPoolGroups), named as it names it; the
        // parameter is passed because Office and Viewer have group access.
        Roles: [{ 'Fn::Join': ['', [{ Ref: 'authfieldbookAuthUserPoolId' }, '-CrewGroupRole']] }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
              Resource: CREW_TAGS.map((tag) => bucketArn(`/${crewFolder(tag)}*`)),
            },
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: bucketArn(''),
              Condition: {
                StringLike: {
                  's3:prefix': CREW_TAGS.map(crewFolder).concat(CREW_TAGS.map((tag) => `${crewFolder(tag)}*`)),
                },
              },
            },
          ],
        },
      },
    },
    'CrewGroupPolicy',
  );
}
