/**
 * Override of the auth stack (`amplify override auth`): crews are invited, nobody signs up. The CLI's
 * questions have no admin-create-only answer, so the user pool's setting is made here; the local
 * server's user pool behaves the same (`npm run users -- add` is the only way in).
 *
 * No imports: the CLI compiles this file alone, and the structural type below is all it needs.
 */

interface AuthResources {
  userPool: { adminCreateUserConfig: unknown };
  identityPoolRoleMap: { roleMappings: unknown };
}

export function override(resources: AuthResources): void {
  resources.userPool.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
  // With user pool groups the CLI gives each group a role of its own and picks the role from the
  // token; the storage stack grants the photo bucket to the authenticated role only, so every crew
  // member would lose the photos. Without the mapping, everyone signed in gets the authenticated
  // role, as the local server's object store rules assume; the API's @auth rules tell roles apart.
  resources.identityPoolRoleMap.roleMappings = undefined;
}
