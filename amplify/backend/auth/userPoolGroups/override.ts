/**
 * Override of the user pool groups' stack (`amplify override auth`, userPoolGroups): the identity pool
 * tags each signed-in session with the person's crews (principal tags, set in the auth resource's
 * override.ts), and Cognito can tag a session only with a role whose trust policy allows
 * sts:TagSession beside sts:AssumeRoleWithWebIdentity ("Using attributes for access control", Cognito
 * developer guide). Every group's role gets it; the conditions (this identity pool, signed in) stay.
 *
 * No imports: the CLI compiles this file alone, and the structural type below is all it needs.
 */

interface TrustStatement {
  Action: string | string[];
}

interface GroupResources {
  userPoolGroupRole?: Record<string, { assumeRolePolicyDocument: unknown }>;
}

export function override(resources: GroupResources): void {
  const roles = resources.userPoolGroupRole ?? {};
  for (const role of Object.keys(roles).map((group) => roles[group])) {
    const trust = role.assumeRolePolicyDocument as { Statement: TrustStatement[] };
    for (const statement of trust.Statement) {
      const actions = ([] as string[]).concat(statement.Action);
      if (actions.indexOf('sts:AssumeRoleWithWebIdentity') >= 0 && actions.indexOf('sts:TagSession') < 0) {
        statement.Action = [...actions, 'sts:TagSession'];
      }
    }
  }
}
