import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

// The configured key's digest, made once rather than on every request.
let configured: { key: string; digest: Buffer } | undefined;

/**
 * Whether a presented API key equals the configured one, in time that depends on neither: both are
 * hashed to equal-length digests first, so neither the length nor a matching prefix leaks.
 */
export function isApiKey(presented: unknown, expected: string): boolean {
  if (configured?.key !== expected) configured = { key: expected, digest: digest(expected) };
  return typeof presented === 'string' && timingSafeEqual(digest(presented), configured.digest);
}
