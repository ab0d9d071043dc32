/**
 * Override of the auth stack (`amplify override auth`): crews are invited, nobody signs up. The CLI's
 * questions have no admin-create-only answer, so the user pool's setting is made here; the local
 * server's user pool behaves the same (`npm run users -- add` is the only way in).
 *
 * No imports: the CLI compiles this file alone, and the structural type below is all it needs.
 */

interface AuthResources {
  userPool: { adminCreateUserConfig: unknown };
}

export function override(resources: AuthResources): void {
  resources.userPool.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
}
