/**
 * IAM's reading of the object grants the identity pool's roles get: key patterns with `*` and `?`
 * (StringLike) and policy variables, replaced from the caller's session as literal text. A variable
 * with no value in the session makes the pattern match nothing ("Policy variables with no value",
 * IAM User Guide): a Crew session without a fourth crew gets nothing from the fourth crew's statement.
 */

/** IAM's policy variable for the caller's identity id (`<region>:<uuid>`). */
export const OWN_IDENTITY = '${cognito-identity.amazonaws.com:sub}';

/** IAM's policy variable for one of the session's principal tags. */
export const principalTag = (tag: string) => `\${aws:PrincipalTag/${tag}}`;

export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject';

export interface ObjectGrant {
  /** An object key pattern, as after `arn:aws:s3:::<bucket>/` in the policy's Resource. */
  readonly keys: string;
  readonly actions: readonly ObjectAction[];
}

/** What one role may do: its object grants, and the `s3:prefix` patterns (StringLike) of its `s3:ListBucket`. */
export interface RoleGrants {
  readonly objects: readonly ObjectGrant[];
  readonly listPrefixes: readonly string[];
}

/** The session a request was signed with: its identity and the principal tags Cognito Identity set. */
export interface PolicySession {
  readonly identityId: string;
  readonly tags: Readonly<Record<string, string>>;
}

const VARIABLE = /\$\{(cognito-identity\.amazonaws\.com:sub|aws:PrincipalTag\/[^}]+)\}/g;

const escapeLike = (text: string) =>
  text
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
const escapeLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function valueOf(variable: string, session: PolicySession): string | undefined {
  if (variable === 'cognito-identity.amazonaws.com:sub') return session.identityId;
  return Object.hasOwn(session.tags, variable.slice('aws:PrincipalTag/'.length))
    ? session.tags[variable.slice('aws:PrincipalTag/'.length)]
    : undefined;
}

/** The pattern for one session, or null when one of its variables has no value there. */
function likeMatcher(pattern: string, session: PolicySession): RegExp | null {
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(VARIABLE)) {
    const value = valueOf(match[1] ?? '', session);
    if (value === undefined) return null;
    source += escapeLike(pattern.slice(last, match.index)) + escapeLiteral(value);
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escapeLike(pattern.slice(last))}$`, 's');
}

const matches = (pattern: string, session: PolicySession, text: string) =>
  likeMatcher(pattern, session)?.test(text) ?? false;

/** Whether a role's grants allow an action on a key for one session. */
export function granted(role: RoleGrants, session: PolicySession, action: ObjectAction, key: string): boolean {
  return role.objects.some((grant) => grant.actions.includes(action) && matches(grant.keys, session, key));
}

/** Whether a role's `s3:prefix` patterns allow listing a prefix for one session. */
export function grantedList(role: RoleGrants, session: PolicySession, prefix: string): boolean {
  return role.listPrefixes.some((pattern) => matches(pattern, session, prefix));
}
