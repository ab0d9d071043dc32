import { credentialsNeverBlockingTokens, type CredentialsProvider } from './session-credentials';

type Options = Parameters<CredentialsProvider['getCredentialsAndIdentityId']>[0];
const CREDENTIALS = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  identityId: 'us-east-1:identity',
};

function providerThat(answer: () => Promise<typeof CREDENTIALS>): CredentialsProvider & { cleared: number } {
  const provider = {
    cleared: 0,
    getCredentialsAndIdentityId: answer,
    clearCredentialsAndIdentityId: async () => void provider.cleared++,
  };
  return provider;
}

const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));
const signedIn = { authenticated: true, authConfig: {} } as unknown as Options;
const guest = { authenticated: false, authConfig: {} } as unknown as Options;

describe('credentialsNeverBlockingTokens', () => {
  it('hands on the identity pool’s credentials when it answers', async () => {
    const session = credentialsNeverBlockingTokens(providerThat(() => Promise.resolve(CREDENTIALS)));
    expect(await session.getCredentialsAndIdentityId(signedIn)).toEqual(CREDENTIALS);
  });

  it('lets a signed-in person’s session go on without credentials when the identity pool cannot be reached', async () => {
    const session = credentialsNeverBlockingTokens(providerThat(unreachable));
    expect(await session.getCredentialsAndIdentityId(signedIn)).toBeUndefined();
  });

  it('still fails a guest’s session, whose credentials are all it has', async () => {
    const session = credentialsNeverBlockingTokens(providerThat(unreachable));
    await expectAsync(session.getCredentialsAndIdentityId(guest)).toBeRejectedWithError(TypeError);
  });

  it('clears what the identity pool gave when Amplify asks', async () => {
    const inner = providerThat(unreachable);
    await credentialsNeverBlockingTokens(inner).clearCredentialsAndIdentityId();
    expect(inner.cleared).toBe(1);
  });
});
