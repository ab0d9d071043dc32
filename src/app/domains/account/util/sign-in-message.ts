/** What went wrong with a sign-in, in words for the person signing in. */
export function signInErrorMessage(error: unknown): string {
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'NetworkError' || /network|fetch/i.test(message) || !globalThis.navigator?.onLine)
    return 'No connection to the server. Signing in needs one; try again when you are back online.';
  if (name === 'TooManyRequestsException' || name === 'LimitExceededException' || /attempts exceeded/i.test(message))
    return 'Too many attempts: this account is locked for a while. Wait a few minutes, then try again.';
  if (name === 'PasswordResetRequiredException')
    return 'Your password has been reset. Ask the office for a new temporary password.';
  if (name === 'NotAuthorizedException' && /disabled/i.test(message))
    return 'This account is disabled. Ask the office to enable it.';
  if (name === 'NotAuthorizedException' || name === 'UserNotFoundException') return 'Wrong email or password.';
  if (name === 'InvalidPasswordException')
    return `That password is not allowed: ${message.replace(/^Password does not conform to policy: /, '')}`;
  return 'Signing in failed. Try again; if it keeps failing, tell the office.';
}
