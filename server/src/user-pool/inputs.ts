/** The operations' request bodies, with Cognito's size limits (AWS's API reference) or tighter ones. */
import { z } from 'zod';

const clientId = z.string().min(1).max(128);
const token = z
  .string()
  .min(1)
  .max(16 * 1024);
const password = z.string().min(1).max(256);
/** 3072 bits are 768 hex digits; a few more for a leading zero pair. */
const srpA = z
  .string()
  .min(1)
  .max(800)
  .regex(/^[0-9a-fA-F]+$/, 'must be hex');
const parameters = z.record(z.string().max(128), z.string().max(16 * 1024)).refine((p) => Object.keys(p).length <= 64, {
  message: 'too many entries',
});
const extras = { ClientMetadata: z.record(z.string(), z.string()).optional() };

export const initiateAuthInput = z.object({
  AuthFlow: z.string().max(64),
  ClientId: clientId,
  AuthParameters: parameters,
  ...extras,
});

export const srpParameters = z.object({ USERNAME: z.string().min(1).max(128), SRP_A: srpA });
export const refreshParameters = z.object({ REFRESH_TOKEN: token });

export const respondInput = z.object({
  ChallengeName: z.string().max(64),
  ClientId: clientId,
  Session: z.string().min(1).max(2048),
  ChallengeResponses: parameters,
  ...extras,
});

export const passwordVerifierResponses = z.object({
  USERNAME: z.string().min(1).max(128),
  PASSWORD_CLAIM_SECRET_BLOCK: z.string().min(1).max(4096),
  PASSWORD_CLAIM_SIGNATURE: z.string().min(1).max(128),
  TIMESTAMP: z
    .string()
    .max(64)
    .regex(
      /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}$/,
      'must be like "Sun Jan 5 09:00:00 UTC 2026"',
    ),
});
export const newPasswordResponses = z.object({ USERNAME: z.string().max(128).optional(), NEW_PASSWORD: password });

export const refreshInput = z.object({
  ClientId: clientId,
  RefreshToken: token,
  ClientSecret: z.string().max(256).optional(),
  DeviceKey: z.string().max(64).optional(),
  ...extras,
});
export const accessTokenInput = z.object({ AccessToken: token });
export const changePasswordInput = z.object({
  AccessToken: token,
  PreviousPassword: password,
  ProposedPassword: password,
});
export const revokeInput = z.object({ Token: token, ClientId: clientId, ClientSecret: z.string().max(256).optional() });
