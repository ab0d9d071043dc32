/**
 * What the compiled stacks let a role of the identity pool do in the bucket, in the shape of the
 * local server's tables (server/src/objects/signed-in-access.ts): one line per IAM action and key
 * pattern, or per `s3:ListBucket` and `s3:prefix` pattern, so the two compare line by line.
 */
import type { RoleGrants as ServerRoleGrants } from '../../server/src/objects/policy-match.ts';
import { AUTHENTICATED_GRANTS, GROUP_GRANTS } from '../../server/src/objects/signed-in-access.ts';
import type { Group } from '../../server/src/user-pool/user-store.ts';
import { evaluate, type Json, type JsonObject, type Scope } from './cloudformation.ts';

export const list = (value: Json | undefined): Json[] => (value === undefined ? [] : ([] as Json[]).concat(value));
export const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface RoleGrants {
  grants: string[];
  /** What the comparison cannot follow: a Deny, or a condition other than a listing's prefixes. */
  problems: string[];
}

/** The grants the stack's IAM policies give `role` on `bucket` (the bucket's Ref as it evaluates). */
export function roleGrants(scope: Scope, role: string, bucket: string): RoleGrants {
  const grants: string[] = [];
  const problems: string[] = [];
  const bucketArn = `arn:aws:s3:::${bucket}`;
  for (const [id, resource] of Object.entries(scope.template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    if (resource.Condition !== undefined && evaluate({ Condition: resource.Condition }, scope) !== true) continue;
    const properties = evaluate(resource.Properties ?? {}, scope) as JsonObject;
    if (!list(properties['Roles']).includes(role)) continue;
    const document = properties['PolicyDocument'];
    for (const statement of list(isObject(document) ? document['Statement'] : undefined)) {
      if (!isObject(statement)) continue;
      if (statement['Effect'] !== 'Allow') {
        problems.push(`${id}: a statement with Effect ${String(statement['Effect'])}`);
        continue;
      }
      const condition = statement['Condition'];
      const stringLike = isObject(condition) ? condition['StringLike'] : undefined;
      const prefixes = isObject(stringLike) ? list(stringLike['s3:prefix']) : undefined;
      if (condition !== undefined && (Object.keys(condition as JsonObject).join() !== 'StringLike' || !prefixes)) {
        problems.push(`${id}: a condition other than StringLike on s3:prefix: ${JSON.stringify(condition)}`);
      }
      for (const action of list(statement['Action']).map(String)) {
        for (const target of list(statement['Resource']).map(String)) {
          if (target.startsWith(`${bucketArn}/`)) grants.push(`${action} ${target.slice(bucketArn.length + 1)}`);
          else if (target === bucketArn && action === 's3:ListBucket') {
            grants.push(...(prefixes ?? ['*']).map((prefix) => `${action} ${String(prefix)}`));
          } else grants.push(`${action} ${target}`);
        }
      }
    }
  }
  return { grants: [...new Set(grants)].sort(), problems };
}

/** A table of the local server in the same lines. */
export function tableGrants({ objects, listPrefixes }: ServerRoleGrants): string[] {
  return [
    ...objects.flatMap((grant) => grant.actions.map((action) => `${action} ${grant.keys}`)),
    ...listPrefixes.map((prefix) => `s3:ListBucket ${prefix}`),
  ].sort();
}

/** The local server's table for a signed-in person of a group, or in none (the authenticated role). */
export const serverSignedInGrants = (group?: Group): string[] =>
  tableGrants(group ? GROUP_GRANTS[group] : AUTHENTICATED_GRANTS);

/** The grants on one side only; `who` names the people the role is for. */
export function grantDifferences(server: string[], deployed: string[], who: string): string[] {
  return [
    ...deployed
      .filter((grant) => !server.includes(grant))
      .map((grant) => `on AWS ${who} get ${grant}; the local server does not allow it`),
    ...server
      .filter((grant) => !deployed.includes(grant))
      .map((grant) => `the local server allows ${who} ${grant}; the deployed stack does not grant it`),
  ];
}
