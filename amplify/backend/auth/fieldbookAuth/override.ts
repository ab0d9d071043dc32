/**
 * Override of the auth stack (`amplify override auth`): crews are invited, nobody signs up. The CLI's
 * questions have no admin-create-only answer, so the user pool's setting is made here; the local
 * server's user pool behaves the same (`npm run users -- add` is the only way in).
 *
 * No imports: the CLI compiles this file alone, and the structural type below is all it needs.
 */

interface AuthResources {
  userPool: { adminCreateUserConfig: unknown; schema: unknown };
  userPoolClient?: { writeAttributes: unknown };
  userPoolClientWeb?: { writeAttributes: unknown };
  addCfnResource(props: { type: string; properties: Record<string, unknown> }, logicalId: string): void;
}

/** One crew id each: as many as a person may be in (AppSync's subscription filters allow four). */
const CREW_ATTRIBUTES = ['crew1', 'crew2', 'crew3', 'crew4'];

export function override(resources: AuthResources): void {
  resources.userPool.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
  // `custom:wipe_requested_at` (seconds since the epoch): set for a lost phone (`npm run users --
  // wipe-devices`, or admin-update-user-attributes on AWS); a device signed in before it erases its
  // data at its next contact. The web client reads every attribute, so GetUser returns it.
  const schema = Array.isArray(resources.userPool.schema) ? (resources.userPool.schema as unknown[]) : [];
  resources.userPool.schema = [
    ...schema,
    {
      name: 'wipe_requested_at',
      attributeDataType: 'Number',
      mutable: true,
      numberAttributeConstraints: { minValue: '0' },
    },
    // `custom:crew1` … `custom:crew4`: the crews a person works in, set by an administrator beside the
    // crew groups (README, "Deploying to AWS"); the identity pool copies them into principal tags, which
    // the Crew role's photo policy reads (the storage resource's override.ts).
    ...CREW_ATTRIBUTES.map((name) => ({
      name,
      attributeDataType: 'String',
      mutable: true,
      stringAttributeConstraints: { minLength: '1', maxLength: '40' },
    })),
  ];
  // A person must not write their own crews or clear their wipe mark with their access token. An app
  // client that names no WriteAttributes lets its users write the standard attributes; naming them
  // keeps every custom attribute an administrator's.
  for (const client of [resources.userPoolClient, resources.userPoolClientWeb]) {
    if (client) client.writeAttributes = ['name'];
  }
  // The identity pool's principal tags for sign-ins from this user pool: each crew attribute of the
  // ID token becomes a session tag of the same name. The role itself comes from the CLI's Token role
  // mapping (the role of the person's group).
  resources.addCfnResource(
    {
      type: 'AWS::Cognito::IdentityPoolPrincipalTag',
      properties: {
        IdentityPoolId: { Ref: 'IdentityPool' },
        IdentityProviderName: { 'Fn::Sub': 'cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}' },
        UseDefaults: false,
        // The compiler targets ES2015: no Object.fromEntries.
        PrincipalTags: CREW_ATTRIBUTES.reduce((tags, name) => ({ ...tags, [name]: `custom:${name}` }), {}),
      },
    },
    'IdentityPoolCrewTags',
  );
}
