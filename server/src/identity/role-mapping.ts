/**
 * Which role and principal tags Cognito Identity gives a set of credentials, as the deployed identity
 * pool does: the role of the person's group (the CLI's `Token` role mapping, `cognito:preferred_role`),
 * the authenticated role for someone in none, the unauthenticated role for guests; and a session tag
 * for each mapped claim the ID token carries (`AWS::Cognito::IdentityPoolPrincipalTag`, set in the
 * auth resource's override.ts, which `npm run check:deploy` compares with the map below).
 */
import { CREW_TAGS, roleGroupOf } from '../objects/signed-in-access.ts';
import { CREW_ATTRIBUTES } from '../user-pool/crew-attributes.ts';
import type { Group } from '../user-pool/user-store.ts';

export type IdentityRole = 'guests' | 'authenticated' | Group;

/** Principal tag → the ID token claim it is copied from: each crew slot from its custom attribute. */
export const PRINCIPAL_TAG_CLAIMS: Readonly<Record<string, string>> = Object.fromEntries(
  CREW_TAGS.map((tag, index) => [tag, CREW_ATTRIBUTES[index]]),
);

export interface RoleSession {
  role: IdentityRole;
  tags: Readonly<Record<string, string>>;
}

/** What a signed-in person's ID token presents to the identity pool. */
export interface LoginClaims {
  groups: readonly string[];
  /** The token's custom attributes (`custom:<name>`), as strings. */
  attributes: Readonly<Record<string, string>>;
}

/** The session of a guest (no claims) or of a signed-in person. */
export function roleSession(claims: LoginClaims | undefined): RoleSession {
  if (!claims) return { role: 'guests', tags: {} };
  const tags: Record<string, string> = {};
  for (const [tag, claim] of Object.entries(PRINCIPAL_TAG_CLAIMS)) {
    const value = claims.attributes[claim];
    if (value) tags[tag] = value;
  }
  return { role: roleGroupOf(claims.groups) ?? 'authenticated', tags };
}
