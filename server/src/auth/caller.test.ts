import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { type ApiAuthModes, readApiAuthModes } from './auth-modes.ts';
import { authenticator, type UserPoolIdentity } from './caller.ts';

const API_KEY = 'da2-callerTestKey0000000';
const ana: UserPoolIdentity = { sub: '0f6a-ana', username: 'ana@crew.test', groups: ['Crew'] };
const verifyUserPoolToken = (token: string) => Promise.resolve(token === 'valid-token' ? ana : null);
const modes = (...list: ApiAuthModes['defaultMode'][]): ApiAuthModes => ({
  defaultMode: list[0]!,
  modes: new Set(list),
});

describe('who a request acts for', () => {
  it('is the API key caller only for the configured key', async () => {
    const authenticate = authenticator(modes('API_KEY'), { apiKey: API_KEY });

    assert.deepEqual(await authenticate({ apiKey: API_KEY }), { authMode: 'API_KEY' });
    assert.equal(await authenticate({ apiKey: 'da2-someoneElsesKey00000' }), null);
    assert.equal(await authenticate({ apiKey: 42 }), null);
    assert.equal(await authenticate({}), null, 'no credentials: AppSync refuses the request');
  });

  it('refuses a user-pool token when the API does not offer that mode, as AppSync would', async () => {
    const authenticate = authenticator(modes('API_KEY'), { apiKey: API_KEY, verifyUserPoolToken });

    assert.equal(await authenticate({ authorization: 'valid-token' }), null);
  });

  it('is the signed-in user, with their groups, for a token the pool verifies', async () => {
    const authenticate = authenticator(modes('AMAZON_COGNITO_USER_POOLS', 'API_KEY'), {
      apiKey: API_KEY,
      verifyUserPoolToken,
    });

    assert.deepEqual(await authenticate({ authorization: 'valid-token' }), {
      authMode: 'AMAZON_COGNITO_USER_POOLS',
      ...ana,
    });
    assert.equal(await authenticate({ authorization: 'forged-token' }), null);
    assert.equal(await authenticate({ authorization: '' }), null);
    // The API key still works beside the pool: a project whose API uses one keeps working with it.
    assert.deepEqual(await authenticate({ apiKey: API_KEY }), { authMode: 'API_KEY' });
  });

  it('refuses an API key when the API offers only user pools, even the right one', async () => {
    const authenticate = authenticator(modes('AMAZON_COGNITO_USER_POOLS'), { apiKey: API_KEY, verifyUserPoolToken });

    assert.equal(await authenticate({ apiKey: API_KEY }), null);
  });
});

describe('the API authorization modes of an amplify/ project', () => {
  it("reads this project's: Cognito user pools, and no API key beside them", () => {
    const project = readApiAuthModes();

    assert.equal(project.defaultMode, 'AMAZON_COGNITO_USER_POOLS');
    assert.deepEqual([...project.modes], ['AMAZON_COGNITO_USER_POOLS']);
  });

  it('reads the default and the additional modes as `amplify update api` records them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'fieldbook-auth-modes-')), 'cli-inputs.json');
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        serviceConfiguration: {
          defaultAuthType: { mode: 'AMAZON_COGNITO_USER_POOLS', cognitoUserPoolId: 'authfieldbook' },
          additionalAuthTypes: [{ mode: 'API_KEY', expirationTime: 365 }],
        },
      }),
    );

    const read = readApiAuthModes(path);

    assert.equal(read.defaultMode, 'AMAZON_COGNITO_USER_POOLS');
    assert.deepEqual([...read.modes].sort(), ['AMAZON_COGNITO_USER_POOLS', 'API_KEY']);
  });
});
