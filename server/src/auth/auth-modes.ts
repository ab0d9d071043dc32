import { readFileSync } from 'node:fs';

import { z } from 'zod';

import { cliInputsPath } from '../amplify-project.ts';

/** The authorization modes AppSync offers; the server serves those an amplify/ API configures. */
export const AUTH_MODES = ['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM', 'OPENID_CONNECT', 'AWS_LAMBDA'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const authTypeSchema = z.object({ mode: z.enum(AUTH_MODES) }).loose();
const cliInputsSchema = z.object({
  serviceConfiguration: z.object({
    defaultAuthType: authTypeSchema,
    additionalAuthTypes: z.array(authTypeSchema).default([]),
  }),
});

/** The API's default mode (for types without @auth) and every mode a request may come in by. */
export interface ApiAuthModes {
  readonly defaultMode: AuthMode;
  readonly modes: ReadonlySet<AuthMode>;
}

/** The modes `amplify add api` / `amplify update api` recorded in cli-inputs.json. */
export function readApiAuthModes(path = cliInputsPath): ApiAuthModes {
  const { defaultAuthType, additionalAuthTypes } = cliInputsSchema.parse(
    JSON.parse(readFileSync(path, 'utf8')),
  ).serviceConfiguration;
  return {
    defaultMode: defaultAuthType.mode,
    modes: new Set([defaultAuthType.mode, ...additionalAuthTypes.map((type) => type.mode)]),
  };
}
