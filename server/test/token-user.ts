/** The claims of the user pool access token in an `authorization` header, read without checking it (the server does). */
function claimsOf(token: string | null | undefined): Record<string, unknown> | undefined {
  const claims = token?.split('.')[1];
  return claims ? (JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>) : undefined;
}

/** Who a request was sent as: the token's `username` claim. Only the name is kept, never the token. */
export function signedInAs(token: string | null | undefined): string | undefined {
  const username = claimsOf(token)?.['username'];
  return typeof username === 'string' ? username : undefined;
}

/** When the token expires, in ms since the epoch (its `exp` claim). */
export function expiresAt(token: string | null | undefined): number | undefined {
  const exp = claimsOf(token)?.['exp'];
  return typeof exp === 'number' ? exp * 1000 : undefined;
}
