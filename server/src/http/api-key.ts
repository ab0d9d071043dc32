import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a presented API key equals the configured one, in time that depends on neither: both are
 * hashed to equal-length digests first, so neither the length nor a matching prefix leaks.
 */
export function isApiKey(presented: unknown, expected: string): boolean {
  return typeof presented === 'string' && timingSafeEqual(digest(presented), digest(expected));
}
