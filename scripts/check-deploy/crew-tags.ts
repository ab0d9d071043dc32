/**
 * What crews' photos need on AWS beside the bucket's policies (ARCHITECTURE.md, "Crews' photos"): the
 * crew attributes on the user pool, out of reach of the people they describe; the identity pool's
 * principal tags made from them, as the local server makes them (server/src/identity/role-mapping.ts);
 * each person's role chosen by their group, as the local server chooses it; and roles Cognito may tag.
 */
import { PRINCIPAL_TAG_CLAIMS } from '../../server/src/identity/role-mapping.ts';
import { CREW_ATTRIBUTES } from '../../server/src/user-pool/crew-attributes.ts';
import { GROUPS } from '../../server/src/user-pool/user-store.ts';
import { evaluate, type JsonObject, propertiesOf, REGION, resourcesOf, type Scope } from './cloudformation.ts';
import type { PoolRoles } from './pool-roles.ts';
import { isObject, list } from './role-grants.ts';

type Check = (description: string, found: string[]) => void;

/** The crew attributes: declared as changeable strings, and written by no app client. */
function attributeProblems(auth: Scope): string[] {
  const problems: string[] = [];
  const [pool] = resourcesOf(auth, 'AWS::Cognito::UserPool').map(([id]) => id);
  const schema = list(pool ? propertiesOf(auth, pool)['Schema'] : undefined).filter(isObject);
  for (const attribute of CREW_ATTRIBUTES) {
    const declared = schema.find((entry) => entry['Name'] === attribute.replace(/^custom:/, ''));
    if (!declared) problems.push(`${pool ?? 'the user pool'}: no custom attribute ${attribute}`);
    else if (declared['AttributeDataType'] !== 'String' || String(declared['Mutable'] ?? true) !== 'true')
      problems.push(`${pool}: ${attribute} is not a changeable String`);
  }
  for (const [client] of resourcesOf(auth, 'AWS::Cognito::UserPoolClient')) {
    const written = propertiesOf(auth, client)['WriteAttributes'];
    // A client naming no WriteAttributes lets its users write the standard attributes only; naming
    // them is what keeps it so whatever Cognito's default becomes.
    if (written === undefined) problems.push(`${client}: no WriteAttributes, so Cognito's default decides`);
    const custom = list(written).filter((name) => String(name).startsWith('custom:'));
    if (custom.length > 0) problems.push(`${client}: its users may write ${custom.join(', ')} themselves`);
  }
  return problems;
}

/** The principal tag map for the user pool's sign-ins: the local server's, exactly. */
function tagMapProblems(auth: Scope): string[] {
  const [identityPool] = resourcesOf(auth, 'AWS::Cognito::IdentityPool').map(([id]) => id);
  const [userPool] = resourcesOf(auth, 'AWS::Cognito::UserPool').map(([id]) => id);
  const provider = `cognito-idp.${REGION}.amazonaws.com/<${userPool}>`;
  const maps = resourcesOf(auth, 'AWS::Cognito::IdentityPoolPrincipalTag').map(([id]) => ({
    id,
    properties: evaluate(auth.template.Resources[id]?.Properties ?? {}, auth) as JsonObject,
  }));
  const map = maps.find(
    ({ properties }) =>
      properties['IdentityPoolId'] === `<${identityPool}>` && properties['IdentityProviderName'] === provider,
  );
  if (!map) return [`no AWS::Cognito::IdentityPoolPrincipalTag for ${provider} in ${identityPool}`];
  const problems: string[] = [];
  if (String(map.properties['UseDefaults'] ?? false) !== 'false')
    problems.push(`${map.id}: UseDefaults maps Cognito's default claims`);
  const tags = JSON.stringify(map.properties['PrincipalTags'] ?? {});
  if (tags !== JSON.stringify(PRINCIPAL_TAG_CLAIMS))
    problems.push(`${map.id} maps ${tags}; the local server ${JSON.stringify(PRINCIPAL_TAG_CLAIMS)}`);
  return problems;
}

/** The role of each group: picked from the token, in the local server's order, and open to session tags. */
function roleProblems(auth: Scope, groups: Scope, roles: PoolRoles): string[] {
  const problems: string[] = [];
  if (!roles.tokenMapping) problems.push('the identity pool does not take the role from the token (a Token mapping)');
  for (const [id] of resourcesOf(auth, 'AWS::Cognito::IdentityPoolRoleAttachment')) {
    const mappings = Object.values((propertiesOf(auth, id)['RoleMappings'] ?? {}) as Record<string, JsonObject>);
    for (const mapping of mappings.filter((m) => m['AmbiguousRoleResolution'] !== 'AuthenticatedRole'))
      problems.push(
        `${id}: someone in no group gets ${String(mapping['AmbiguousRoleResolution'])}, not the authenticated role`,
      );
  }
  const compiled = resourcesOf(groups, 'AWS::Cognito::UserPoolGroup').map(([id]) => propertiesOf(groups, id));
  const byPrecedence = compiled
    .slice()
    .sort((a, b) => Number(a['Precedence']) - Number(b['Precedence']))
    .map((group) => String(group['GroupName']));
  // cognito:preferred_role is the role of the person's group of lowest precedence.
  if (byPrecedence.join() !== GROUPS.join())
    problems.push(
      `the groups by precedence are ${byPrecedence.join(', ')}; the local server picks ${GROUPS.join(', ')}`,
    );
  for (const [id] of resourcesOf(groups, 'AWS::IAM::Role')) {
    const name = String(propertiesOf(groups, id)['RoleName']);
    if (![...roles.signedIn.values()].includes(name)) continue;
    const trust = propertiesOf(groups, id)['AssumeRolePolicyDocument'];
    const actions = list(isObject(trust) ? trust['Statement'] : undefined)
      .filter(isObject)
      .flatMap((statement) => list(statement['Action']).map(String));
    if (!actions.includes('sts:TagSession'))
      problems.push(
        `${id}: its trust policy does not allow sts:TagSession, so Cognito cannot give it a tagged session`,
      );
  }
  return problems;
}

export function checkCrewTags(auth: Scope, groups: Scope, roles: PoolRoles, check: Check): void {
  check(
    `crews: the user pool has ${CREW_ATTRIBUTES.join(', ')} (written by no app client), the identity pool makes them the principal tags ${Object.keys(PRINCIPAL_TAG_CLAIMS).join(', ')} as the local server does, and gives each person their group's role, which allows sts:TagSession`,
    [...attributeProblems(auth), ...tagMapProblems(auth), ...roleProblems(auth, groups, roles)],
  );
}
