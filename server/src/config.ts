import { join } from 'node:path';

import { z } from 'zod';

import { repositoryRoot } from './amplify-project.ts';
import { DEFAULT_LIMITS, DEFAULT_TOMBSTONE_RETENTION_DAYS, limitEnvName, type Limits } from './limits.ts';
import type { UserPoolSettings } from './user-pool/pool.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The key the app's generated client config carries when none is set; fine on one trusted machine. */
export const DEFAULT_API_KEY = 'da2-fakeApiId123456';
/** The bucket of the S3 subset unless FIELDBOOK_S3_BUCKET names another. */
export const DEFAULT_BUCKET = 'fieldbook-photos-local';
/** The guest identity pool of the Cognito Identity subset; fixed like the default API key. */
export const DEFAULT_IDENTITY_POOL_ID = 'us-east-1:0f1e1d5a-7c2b-4e8f-9a3d-6b5c4d3e2f10';

/** The user pool's id (`<region>_<name>`; Amplify reads the region before the `_`) unless set. */
export const DEFAULT_USER_POOL_ID = 'local_fieldbook';
/** The app client of the user pool unless set; 26 characters like Cognito's client ids. */
export const DEFAULT_USER_POOL_CLIENT_ID = 'fieldbooklocalwebclient000';

export interface ServerConfig {
  port: number;
  host: string;
  dbPath: string;
  apiKey: string;
  staticDir: string;
  tombstoneRetentionMs: number;
  seed: 'demo' | 'none';
  reset: boolean;
  corsOrigins: string[];
  /** Only the limits set in the environment; the rest keep their defaults. */
  limits: Partial<Limits>;
  bucket: string;
  identityPoolId: string;
  userPool: UserPoolSettings;
  /** The address devices reach the server by (behind a proxy); the listening address when unset. */
  publicUrl: string | undefined;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(20002),
  HOST: z.string().min(1).default('localhost'),
  FIELDBOOK_DB: z
    .string()
    .min(1)
    .default(join(repositoryRoot, '.data', 'fieldbook.sqlite')),
  FIELDBOOK_API_KEY: z.string().min(1).default(DEFAULT_API_KEY),
  FIELDBOOK_STATIC_DIR: z
    .string()
    .min(1)
    .default(join(repositoryRoot, 'dist', 'fieldbook', 'browser')),
  // Long by default: a device offline longer than this keeps rows deleted elsewhere.
  FIELDBOOK_TOMBSTONE_RETENTION_DAYS: z.coerce.number().positive().default(DEFAULT_TOMBSTONE_RETENTION_DAYS),
  FIELDBOOK_SEED: z.enum(['demo', 'none']).default('none'),
  FIELDBOOK_RESET: z.enum(['0', '1', 'true', 'false']).default('0'),
  FIELDBOOK_CORS_ORIGINS: z.string().default('http://localhost:4200,http://127.0.0.1:4200'),
  // S3's rules for a bucket name Amplify accepts (DNS-compatible, no dots).
  FIELDBOOK_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'a bucket name: 3-63 lowercase letters, digits and hyphens')
    .default(DEFAULT_BUCKET),
  FIELDBOOK_IDENTITY_POOL_ID: z
    .string()
    .regex(/^[\w-]+:[0-9a-f-]+$/, 'an identity pool id: <region>:<uuid>')
    .default(DEFAULT_IDENTITY_POOL_ID),
  // The user pool (Cognito subset). Token lifetimes within Cognito's bounds; its defaults.
  FIELDBOOK_USER_POOL_ID: z
    .string()
    .regex(/^[a-z0-9-]+_[0-9a-zA-Z]+$/, 'a user pool id: <region>_<name>')
    .default(DEFAULT_USER_POOL_ID),
  FIELDBOOK_USER_POOL_CLIENT_ID: z
    .string()
    .regex(/^[\w+]{1,128}$/, 'a client id: letters and digits')
    .default(DEFAULT_USER_POOL_CLIENT_ID),
  FIELDBOOK_ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  FIELDBOOK_ID_TOKEN_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  FIELDBOOK_REFRESH_TOKEN_DAYS: z.coerce
    .number()
    .min(1 / 24)
    .max(3650)
    .default(30),
  FIELDBOOK_REFRESH_TOKEN_ROTATION: z.enum(['on', 'off']).default('on'),
  // How long a rotated-out refresh token still works, for a device's retry (Cognito: 0 to 60 s).
  FIELDBOOK_REFRESH_TOKEN_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(60),
  FIELDBOOK_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

const flagToEnv: Record<string, string> = {
  '--port': 'PORT',
  '--host': 'HOST',
  '--db': 'FIELDBOOK_DB',
  '--api-key': 'FIELDBOOK_API_KEY',
  '--static-dir': 'FIELDBOOK_STATIC_DIR',
  '--tombstone-retention-days': 'FIELDBOOK_TOMBSTONE_RETENTION_DAYS',
  '--seed': 'FIELDBOOK_SEED',
  '--cors-origins': 'FIELDBOOK_CORS_ORIGINS',
};

/** Each limit from its variable (FIELDBOOK_MAX_RESOLVERS, ...): a whole number, 0 only where it means "off". */
function readLimits(env: Record<string, string | undefined>): Partial<Limits> {
  const limits: Partial<Limits> = {};
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const name = limitEnvName(key);
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    const least = key === 'maxQueryDepth' ? 0 : 1;
    if (!Number.isInteger(value) || value < least) {
      throw new Error(`${name} must be a whole number of at least ${least}, got "${raw}"`);
    }
    if (key === 'maxQueryDepth' && value > 75)
      throw new Error(`${name} must be 0 (no limit) or 1 to 75, as on AppSync`);
    limits[key] = value;
  }
  return limits;
}

/** Environment variables configure the server; `--flag=value` (or `--reset`) overrides them. */
export function readConfig(env: NodeJS.ProcessEnv, argv: string[]): ServerConfig {
  const merged: Record<string, string | undefined> = { ...env };
  for (const arg of argv) {
    const [flag, value] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--reset') merged['FIELDBOOK_RESET'] = '1';
    else if (flagToEnv[flag] && value !== undefined) merged[flagToEnv[flag]] = value;
    else throw new Error(`unknown option ${arg} (known: ${Object.keys(flagToEnv).join(', ')}, --reset)`);
  }
  const parsed = envSchema.parse(merged);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dbPath: parsed.FIELDBOOK_DB,
    apiKey: parsed.FIELDBOOK_API_KEY,
    staticDir: parsed.FIELDBOOK_STATIC_DIR,
    tombstoneRetentionMs: parsed.FIELDBOOK_TOMBSTONE_RETENTION_DAYS * DAY_MS,
    seed: parsed.FIELDBOOK_SEED,
    reset: parsed.FIELDBOOK_RESET === '1' || parsed.FIELDBOOK_RESET === 'true',
    corsOrigins: parsed.FIELDBOOK_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    limits: readLimits(merged),
    bucket: parsed.FIELDBOOK_S3_BUCKET,
    identityPoolId: parsed.FIELDBOOK_IDENTITY_POOL_ID,
    userPool: {
      poolId: parsed.FIELDBOOK_USER_POOL_ID,
      clientId: parsed.FIELDBOOK_USER_POOL_CLIENT_ID,
      accessTokenSeconds: parsed.FIELDBOOK_ACCESS_TOKEN_MINUTES * 60,
      idTokenSeconds: parsed.FIELDBOOK_ID_TOKEN_MINUTES * 60,
      refreshTokenSeconds: Math.round(parsed.FIELDBOOK_REFRESH_TOKEN_DAYS * 24 * 60 * 60),
      rotateRefreshTokens: parsed.FIELDBOOK_REFRESH_TOKEN_ROTATION === 'on',
      rotationGraceSeconds: parsed.FIELDBOOK_REFRESH_TOKEN_GRACE_SECONDS,
    },
    publicUrl: parsed.FIELDBOOK_PUBLIC_URL?.replace(/\/?$/, '/'),
  };
}
