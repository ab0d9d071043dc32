import { type StorageBackend, type UserPoolBackend } from './backend-config';
import { storageResources, userPoolResources } from './configure-amplify';

describe('Amplify Auth configuration', () => {
  const pool: UserPoolBackend = { poolId: 'eu-west-1_AbC123', clientId: 'client0000', apiDefault: true };

  it('on AWS, lets Amplify reach the user pool itself', () => {
    expect(userPoolResources(pool)).toEqual({ userPoolId: 'eu-west-1_AbC123', userPoolClientId: 'client0000' });
  });

  it('on the local server that serves the app, signs in at its /cognito-idp', () => {
    expect(userPoolResources(pool, 'http://localhost:20002')).toEqual({
      userPoolId: 'eu-west-1_AbC123',
      userPoolClientId: 'client0000',
      userPoolEndpoint: 'http://localhost:20002/cognito-idp',
    });
  });
});

describe('Amplify Storage configuration', () => {
  const aws: StorageBackend = {
    bucket: 'fieldbook-photos-prod',
    region: 'eu-west-1',
    identityPoolId: 'eu-west-1:5d0c7a3e-9b1f-4c2d-8e6a-1f2b3c4d5e6f',
    allowGuestAccess: true,
  };

  it('on AWS, uses the bucket and lets Amplify reach Cognito itself', () => {
    expect(storageResources(aws)).toEqual({
      Auth: { Cognito: { identityPoolId: aws.identityPoolId, allowGuestAccess: true } },
      Storage: { S3: { bucket: 'fieldbook-photos-prod', region: 'eu-west-1' } },
    });
  });

  it('on the local server, takes guest credentials from its identity subset beside its S3 subset', () => {
    const local = { ...aws, httpEndpoint: 'http://localhost:20002/s3' };

    expect(storageResources(local)).toEqual({
      Auth: {
        Cognito: {
          identityPoolId: aws.identityPoolId,
          allowGuestAccess: true,
          identityPoolEndpoint: 'http://localhost:20002/cognito-identity',
        },
      },
      Storage: {
        S3: {
          bucket: 'fieldbook-photos-prod',
          region: 'eu-west-1',
          dangerouslyConnectToHttpEndpointForTesting: 'http://localhost:20002/s3',
        },
      },
    });
  });
});
