/**
 * The IAM role the identity pool hands each caller, from the compiled auth stack (its role attachment),
 * the root stack (the authenticated and unauthenticated roles) and the user pool groups stack (a role
 * per group, where the CLI makes one).
 */
import { GROUPS } from '../../server/src/user-pool/user-store.ts';
import { idOf, type Json, type JsonObject, propertiesOf, resourcesOf, type Scope } from './cloudformation.ts';

/** Role names: the guests', and each signed-in person's by group. */
export interface PoolRoles {
  guests: string;
  /** The role of someone signed in whom no group's role applies to. */
  authenticated: string;
  signedIn: Map<string, string>;
  /** Whether a role mapping takes the role from the ID token. */
  tokenMapping: boolean;
  problems: string[];
}

export function poolRoles(auth: Scope, groups: Scope, root: Scope): PoolRoles {
  const problems: string[] = [];
  const [attachment] = resourcesOf(auth, 'AWS::Cognito::IdentityPoolRoleAttachment').map(([id]) => id);
  // A role given as the root stack's role Arn, by the name the root gives that role.
  const rootRoleName = (arn: Json | undefined): string => {
    const id = idOf(arn);
    return root.template.Resources[id]?.Type === 'AWS::IAM::Role'
      ? String(propertiesOf(root, id)['RoleName'])
      : String(arn);
  };
  const attached = attachment ? propertiesOf(auth, attachment) : {};
  const roles = (attached['Roles'] ?? {}) as JsonObject;
  const authenticated = rootRoleName(roles['authenticated']);
  const signedIn = new Map<string, string>(GROUPS.map((group) => [group, authenticated]));
  // With a Token mapping, Cognito Identity gives a user the role their ID token prefers
  // (cognito:preferred_role: the role of their group of lowest precedence), if that group has one.
  const mappings = Object.values((attached['RoleMappings'] ?? {}) as Record<string, JsonObject>);
  const tokenMapping = mappings.some((mapping) => mapping['Type'] === 'Token');
  for (const mapping of mappings.filter((m) => m['Type'] !== 'Token'))
    problems.push(`${attachment}: a role mapping of type ${String(mapping['Type'])}, which this check does not follow`);
  if (tokenMapping) {
    for (const [id] of resourcesOf(groups, 'AWS::Cognito::UserPoolGroup')) {
      const group = propertiesOf(groups, id);
      const roleId = idOf(group['RoleArn']);
      if (roleId && groups.template.Resources[roleId]?.Type === 'AWS::IAM::Role')
        signedIn.set(String(group['GroupName']), String(propertiesOf(groups, roleId)['RoleName']));
    }
  }
  return { guests: rootRoleName(roles['unauthenticated']), authenticated, signedIn, tokenMapping, problems };
}

/** The groups whose people get each role. */
export function groupsByRole(roleOfGroup: Map<string, string>): Map<string, string[]> {
  const byRole = new Map<string, string[]>();
  for (const [group, role] of roleOfGroup) byRole.set(role, [...(byRole.get(role) ?? []), group]);
  return byRole;
}
