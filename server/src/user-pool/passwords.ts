import { randomInt } from 'node:crypto';

import { AmzJsonError } from '../http/amz-json.ts';

/** The Amplify CLI's default policy: at least 8 characters (Cognito's longest is 256). */
export const MIN_PASSWORD_LENGTH = 8;

/** Cognito's default: an invited user has seven days to sign in with the temporary password. */
export const TEMPORARY_PASSWORD_DAYS = 7;

export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AmzJsonError('InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
  if (password !== password.trim())
    throw new AmzJsonError(
      'InvalidPasswordException',
      'Password does not conform to policy: Password must not start or end with a space',
    );
}

// No 0/O, 1/l/I: the password is read off a screen and typed on a phone.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_.!#%+=';

/** A one-time password with every kind of character, 16 long (about 95 bits), starting with a letter. */
export function temporaryPassword(): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (from: string) => from[randomInt(from.length)] as string;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < 15) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return pick(LOWER + UPPER) + chars.join('');
}
