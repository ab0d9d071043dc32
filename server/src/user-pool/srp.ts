/**
 * Cognito's SRP-6a as Amplify Auth's client computes it (utils/srp in @aws-amplify/auth): the RFC
 * 5054 3072-bit group, g = 2, SHA-256 over the bytes of padded hex, and Cognito's HKDF and
 * password-claim signature. The server side: the verifier kept at sign-up, B, and the check of the
 * client's claim. Only the salt and verifier are stored; the password never is.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const G = 2n;

/** Even-length hex, with "00" in front when the top bit is set (Amplify's getPaddedHex). */
function padHex(value: bigint): string {
  const hex = value.toString(16);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return /^[89a-f]/.test(even) ? `00${even}` : even;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const hashHex = (hex: string) => sha256(Buffer.from(hex, 'hex')).toString('hex');
const bigFrom = (hex: string) => BigInt(`0x${hex}`);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

const K_MULTIPLIER = bigFrom(hashHex(padHex(N) + padHex(G)));

/** The pool's name in SRP: the pool id after its region (`local_fieldbook` → `fieldbook`). */
export const srpPoolName = (poolId: string) => poolId.split('_')[1] ?? '';

function privateKey(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const inner = sha256(`${poolName}${userId}:${password}`).toString('hex');
  return bigFrom(hashHex(padHex(bigFrom(saltHex)) + inner));
}

export interface SrpSecret {
  salt: string;
  verifier: string;
}

/** A fresh salt and the verifier g^x for the password; what is stored instead of the password. */
export function makeVerifier(poolName: string, userId: string, password: string): SrpSecret {
  const salt = randomBytes(16).toString('hex');
  return { salt, verifier: modPow(G, privateKey(poolName, userId, password, salt), N).toString(16) };
}

/** Whether the password gives the stored verifier (ChangePassword's check of the previous one). */
export function passwordMatches(poolName: string, userId: string, password: string, secret: SrpSecret): boolean {
  const candidate = Buffer.from(padHex(modPow(G, privateKey(poolName, userId, password, secret.salt), N)), 'hex');
  const stored = Buffer.from(padHex(bigFrom(secret.verifier)), 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}

/** A valid SRP_A: hex whose value mod N is not 0 (the client's check, made again here). */
export function isValidA(hex: string): boolean {
  return /^[0-9a-f]+$/i.test(hex) && bigFrom(hex) % N !== 0n;
}

export interface ServerChallenge {
  /** SRP_B as hex. */
  B: string;
  /** The session key the client must prove it holds; 16 bytes. */
  key: Buffer;
}

/** B = k·v + g^b and the session key K from the client's A (checked with isValidA first). */
export function serverChallenge(verifierHex: string, aHex: string): ServerChallenge {
  const v = bigFrom(verifierHex);
  const A = bigFrom(aHex);
  for (;;) {
    const b = bigFrom(randomBytes(32).toString('hex'));
    const B = (K_MULTIPLIER * v + modPow(G, b, N)) % N;
    const u = bigFrom(hashHex(padHex(A) + padHex(B)));
    if (B === 0n || u === 0n) continue;
    const S = modPow((A * modPow(v, u, N)) % N, b, N);
    const key = hkdfSync(
      'sha256',
      Buffer.from(padHex(S), 'hex'),
      Buffer.from(padHex(u), 'hex'),
      'Caldera Derived Key',
      16,
    );
    return { B: B.toString(16), key: Buffer.from(key) };
  }
}

/** Whether PASSWORD_CLAIM_SIGNATURE is HMAC(K, poolName ‖ userId ‖ secret block ‖ timestamp). */
export function claimIsValid(
  key: Buffer,
  claim: { poolName: string; userId: string; secretBlock: Buffer; timestamp: string; signature: string },
): boolean {
  const expected = createHmac('sha256', key)
    .update(claim.poolName)
    .update(claim.userId)
    .update(claim.secretBlock)
    .update(claim.timestamp)
    .digest();
  const given = Buffer.from(claim.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
