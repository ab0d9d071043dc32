import type { AuthMode } from './auth-modes.ts';
import type { Caller } from './caller.ts';
import type { AuthRule, ModelOperation } from './model-rules.ts';

const PROVIDER_MODE: Record<AuthRule['provider'], AuthMode> = {
  apiKey: 'API_KEY',
  userPools: 'AMAZON_COGNITO_USER_POOLS',
  iam: 'AWS_IAM',
  oidc: 'OPENID_CONNECT',
  function: 'AWS_LAMBDA',
};

function ruleAdmits(rule: AuthRule, caller: Caller, operation: ModelOperation): boolean {
  if (!rule.operations.has(operation) || PROVIDER_MODE[rule.provider] !== caller.authMode) return false;
  switch (rule.allow) {
    case 'public':
    case 'private':
      return true;
    case 'groups':
      return caller.authMode === 'AMAZON_COGNITO_USER_POOLS' && rule.groups.some((g) => caller.groups.includes(g));
  }
}

/**
 * Whether a caller may run an operation on a model, as the transformer's auth resolvers decide
 * before reading any record: a model without rules is open to the API's default mode only.
 */
export function mayRun(
  caller: Caller,
  rules: readonly AuthRule[],
  operation: ModelOperation,
  defaultMode: AuthMode,
): boolean {
  if (rules.length === 0) return caller.authMode === defaultMode;
  return rules.some((rule) => ruleAdmits(rule, caller, operation));
}
