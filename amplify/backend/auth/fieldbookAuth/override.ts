/**
 * Override of the auth stack (`amplify override auth`): crews are invited, nobody signs up. The CLI's
 * questions have no admin-create-only answer, so the user pool's setting is made here; the local
 * server's user pool behaves the same (`npm run users -- add` is the only way in).
 *
 * No imports: the CLI compiles this file alone, and the structural type below is all it needs.
 */

interface AuthResources {
  userPool: { adminCreateUserConfig: unknown; schema: unknown };
  identityPoolRoleMap: { roleMappings: unknown };
}

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
  ];
  // With user pool groups the CLI gives each group a role of its own and picks the role from the
  // token; the storage stack grants the photo bucket to the authenticated role only, so every crew
  // member would lose the photos. Without the mapping, everyone signed in gets the authenticated
  // role, as the local server's object store rules assume; the API's @auth rules tell roles apart.
  resources.identityPoolRoleMap.roleMappings = undefined;
}
