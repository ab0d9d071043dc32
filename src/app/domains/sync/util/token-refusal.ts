/** What DataStore's error handler is handed, as far as telling a refused token apart goes. */
export interface ErrorFacts {
  readonly process?: string;
  readonly message?: string;
}

/**
 * The sync server refused the real-time connection's token (AppSync's `UnauthorizedException`, a
 * 401 at the handshake): Amplify reports it once per subscription as "Connection failed:
 * UnauthorizedException". Nothing was refused for the person's rights (an `@auth` refusal of one
 * subscription says `Unauthorized`), so nothing is filed: their sign-in is renewed instead.
 */
export function isRefusedConnection(error: ErrorFacts): boolean {
  return error.process === 'subscribe' && /^Connection failed: UnauthorizedException\b/.test(error.message ?? '');
}
