/**
 * Who a request was sent as: the `username` claim of the user pool access token in its
 * `authorization` header, read without checking the token (the server does). Only the name is
 * kept, never the token.
 */
export function signedInAs(token: string | null | undefined): string | undefined {
  const claims = token?.split('.')[1];
  if (!claims) return undefined;
  const username = (JSON.parse(Buffer.from(claims, 'base64url').toString()) as { username?: unknown }).username;
  return typeof username === 'string' ? username : undefined;
}
