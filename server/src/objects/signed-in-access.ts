/**
 * What a signed-in person may do in the bucket: the grants of the role the identity pool gives them,
 * as the compiled `amplify/` stacks write them (`npm run check:deploy` compares these tables with
 * the IAM policies, role by role). The pool picks the role of the person's group (the CLI's `Token`
 * role mapping); ARCHITECTURE.md, "Crews' photos", says why the rules are these.
 */
import { CREW_ATTRIBUTES } from '../user-pool/crew-attributes.ts';
import { type Group, GROUPS } from '../user-pool/user-store.ts';
import { type ObjectAction, principalTag, type RoleGrants } from './policy-match.ts';

const ALL: readonly ObjectAction[] = ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'];

/** The principal tags a Crew session carries, one crew id each, named as the attributes they come from. */
export const CREW_TAGS: readonly string[] = CREW_ATTRIBUTES.map((attribute) => attribute.replace(/^custom:/, ''));

/** Where a crew's photos are: `public/crews/<crew id>/…`. */
export const crewPrefix = (crew: string) => `public/crews/${crew}/`;

/** The storage override's policy for the Crew group's role: each crew of the session, nothing else. */
const CREW: RoleGrants = {
  objects: CREW_TAGS.map((tag) => ({ keys: `${crewPrefix(principalTag(tag))}*`, actions: ALL })),
  listPrefixes: CREW_TAGS.flatMap((tag) => [crewPrefix(principalTag(tag)), `${crewPrefix(principalTag(tag))}*`]),
};

/** cli-inputs.json's groupAccess: Office may create, read and delete anything, and list the bucket. */
const OFFICE: RoleGrants = { objects: [{ keys: '*', actions: ALL }], listPrefixes: ['*'] };

/** cli-inputs.json's groupAccess: Viewer may read anything and list the bucket. */
const VIEWER: RoleGrants = { objects: [{ keys: '*', actions: ['s3:GetObject'] }], listPrefixes: ['*'] };

export const GROUP_GRANTS: Readonly<Record<Group, RoleGrants>> = { Office: OFFICE, Crew: CREW, Viewer: VIEWER };

/** The authenticated role (someone signed in who is in none of the groups): cli-inputs.json's authAccess is empty. */
export const AUTHENTICATED_GRANTS: RoleGrants = { objects: [], listPrefixes: [] };

/** The role the identity pool gives a person with these groups: the one of lowest precedence with a role, as Cognito's `cognito:preferred_role`. */
export function roleGroupOf(groups: readonly string[]): Group | undefined {
  return GROUPS.find((group) => groups.includes(group));
}
