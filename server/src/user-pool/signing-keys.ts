import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';

import type Database from 'better-sqlite3';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * The pool's RS256 keys, kept in the database so tokens outlive a restart: one is made on the first
 * start; the newest signs, every kept key verifies (room for a rotation later).
 */
export class SigningKeys {
  private readonly keys = new Map<string, SigningKey>();
  private current: SigningKey;

  constructor(db: Database.Database, now: number) {
    const rows = () =>
      db.prepare('SELECT kid, private_key FROM pool_keys ORDER BY created_at').all() as {
        kid: string;
        private_key: string;
      }[];
    if (rows().length === 0) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      db.prepare('INSERT INTO pool_keys (kid, private_key, created_at) VALUES (?, ?, ?)').run(
        randomUUID(),
        privateKey.export({ type: 'pkcs8', format: 'pem' }),
        now,
      );
    }
    for (const row of rows()) {
      const privateKey = createPrivateKey(row.private_key);
      this.keys.set(row.kid, { kid: row.kid, privateKey, publicKey: createPublicKey(privateKey) });
    }
    this.current = [...this.keys.values()].at(-1) as SigningKey;
  }

  publicKey(kid: string): KeyObject | undefined {
    return this.keys.get(kid)?.publicKey;
  }

  /** The JSON Web Key Set served at `<issuer>/.well-known/jwks.json`. */
  jwks(): { keys: object[] } {
    return {
      keys: [...this.keys.values()].map((key) => ({
        ...key.publicKey.export({ format: 'jwk' }),
        kid: key.kid,
        alg: 'RS256',
        use: 'sig',
      })),
    };
  }

  /** A compact JWS of `claims`, RS256 with the current key. */
  signJwt(claims: object): string {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const signed = `${encode({ kid: this.current.kid, alg: 'RS256' })}.${encode(claims)}`;
    return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), this.current.privateKey).toString('base64url')}`;
  }
}
