import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';

import {
  evaluate,
  lambdaArn,
  lambdaInvocationTargets,
  parameterProblems,
  stackScope,
  type Template,
  undeclaredConditions,
} from './cloudformation.ts';
import { checkCrewTags } from './crew-tags.ts';
import { groupsByRole, poolRoles } from './pool-roles.ts';
import { grantDifferences, roleGrants, serverSignedInGrants } from './role-grants.ts';
import { compareSchemas } from './schema.ts';
import { readZip } from './zip.ts';

// A model stack as the transformer writes it: the handler's ARN depends on the environment parameter.
const modelStack: Template = {
  Parameters: { envRef: { Type: 'String' }, Billing: { Type: 'String', Default: 'PAY_PER_REQUEST' } },
  Conditions: { HasEnvironmentParameter: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'envRef' }, 'NONE'] }] } },
  Resources: {
    Fn: {
      Type: 'AWS::AppSync::FunctionConfiguration',
      Properties: {
        SyncConfig: {
          LambdaConflictHandlerConfig: {
            LambdaConflictHandlerArn: {
              'Fn::If': [
                'HasEnvironmentParameter',
                {
                  'Fn::Sub': [
                    'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:handler-${env}',
                    { env: { Ref: 'envRef' } },
                  ],
                },
                { 'Fn::Sub': ['arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:handler', {}] },
              ],
            },
          },
        },
      },
    },
    Grant: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyDocument: {
          Statement: [
            {
              Action: 'lambda:InvokeFunction',
              Resource: { 'Fn::Sub': 'arn:aws:lambda:${AWS::Region}:x:function:other' },
            },
            { Action: 's3:GetObject', Resource: '*' },
          ],
        },
      },
    },
  },
};

test('an ARN follows the stack parameters, conditions and substitutions to one environment', () => {
  const [handler, grant] = lambdaInvocationTargets(modelStack);
  assert.equal(evaluate(handler!, stackScope(modelStack, { envRef: 'dev' }, 'Job')), lambdaArn('handler-dev'));
  assert.equal(evaluate(handler!, stackScope(modelStack, { envRef: 'NONE' }, 'Job')), lambdaArn('handler'));
  assert.equal(evaluate(grant!, stackScope(modelStack, {}, 'Job')), 'arn:aws:lambda:us-east-1:x:function:other');
  const name = { 'Fn::Join': ['', ['handler', '-', { Ref: 'env' }]] };
  const functionStack: Template = { Parameters: { env: { Type: 'String' } }, Resources: {} };
  assert.equal(evaluate(name, stackScope(functionStack, { env: 'dev' }, 'function')), 'handler-dev');
});

test('a condition used where it is not declared cannot be evaluated and is reported', () => {
  const connectionStack: Template = { ...modelStack, Conditions: {} };
  assert.deepEqual(undeclaredConditions(connectionStack), ['HasEnvironmentParameter']);
  assert.deepEqual(undeclaredConditions(modelStack), []);
  const [handler] = lambdaInvocationTargets(connectionStack);
  assert.throws(
    () => evaluate(handler!, stackScope(connectionStack, { envRef: 'dev' }, 'ConnectionStack')),
    /no condition HasEnvironmentParameter/,
  );
});

test('a parameter passed but not declared, or declared without a default and not passed, is a problem', () => {
  assert.deepEqual(parameterProblems('Job', modelStack, ['envRef']), []);
  assert.deepEqual(parameterProblems('Job', modelStack, ['envRef', 'functionHandlerArn', 'Billing']), [
    'Job: its parent passes functionHandlerArn, which the template does not declare',
  ]);
  assert.deepEqual(parameterProblems('Job', modelStack, []), [
    'Job: envRef has no default and its parent does not pass it',
  ]);
});

test('two schemas compare definition by definition; only an unused extra input type is let through', () => {
  const base = 'type Query { job(id: ID!): Job }\ntype Job { id: ID! }\ninput JobInput { id: ID! }\n';
  assert.deepEqual(compareSchemas(base, `input Unused { x: Int }\n${base}`), {
    same: 3,
    unusedExtraInputs: ['Unused'],
    problems: [],
  });
  assert.deepEqual(compareSchemas(base, base.replace('id: ID! }\ninput', 'id: ID!, title: String }\ninput')).problems, [
    'Job differs',
  ]);
  assert.deepEqual(compareSchemas(base, `${base}type Extra { x: Int }\n`).problems, ['Extra is only in one schema']);
  assert.deepEqual(compareSchemas(`${base}type Site { id: ID! }\n`, base).problems, ['Site is missing']);
});

test('a zip archive is read back file by file, stored or deflated', () => {
  const entries = [
    { name: 'index.js', data: Buffer.from('exports.handler = async () => ({});\n'), method: 8 },
    { name: 'package.json', data: Buffer.from('{"name":"x"}\n'), method: 0 },
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, method } of entries) {
    const body = method === 8 ? deflateRawSync(data) : data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), body);
    centrals.push(central, Buffer.from(name));
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const files = readZip(Buffer.concat([...locals, directory, end]));
  assert.deepEqual([...files.keys()], ['index.js', 'package.json']);
  for (const { name, data } of entries) assert.ok(files.get(name)?.equals(data), name);
  assert.throws(() => readZip(Buffer.from('not a zip')), /no end of central directory/);
});

// The guest policies of a storage stack as the CLI compiles them (actions from a parameter, a policy
// behind a condition) plus one from an override.
const bucketJoin = (path: string) => ({ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'S3Bucket' }, path]] });
const storageStack: Template = {
  Parameters: {
    unauthRoleName: { Type: 'String' },
    authRoleName: { Type: 'String' },
    s3PermissionsGuestPublic: { Type: 'String', Default: 'DISALLOW' },
  },
  Conditions: {
    CreateGuestPublic: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 's3PermissionsGuestPublic' }, 'DISALLOW'] }] },
  },
  Resources: {
    S3Bucket: { Type: 'AWS::S3::Bucket' },
    S3GuestPublicPolicy: {
      Type: 'AWS::IAM::Policy',
      Condition: 'CreateGuestPublic',
      Properties: {
        Roles: [{ Ref: 'unauthRoleName' }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: { 'Fn::Split': [',', { Ref: 's3PermissionsGuestPublic' }] },
              Resource: [bucketJoin('/public/*')],
            },
          ],
        },
      },
    },
    S3AuthPublicPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        Roles: [{ Ref: 'authRoleName' }],
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: [bucketJoin('/*')] }] },
      },
    },
    S3GuestOwnPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        Roles: [{ Ref: 'unauthRoleName' }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:ListBucket'],
              Resource: [{ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'S3Bucket' }]] }],
              Condition: { StringLike: { 's3:prefix': ['public/', 'public/*'] } },
            },
          ],
        },
      },
    },
  },
};
const guestScope = (guestPublic: string) =>
  stackScope(
    storageStack,
    { unauthRoleName: 'unauth', authRoleName: 'auth', s3PermissionsGuestPublic: guestPublic },
    'storage',
  );

test("a storage stack's grants to the guest role are read through its parameters and conditions", () => {
  assert.deepEqual(roleGrants(guestScope('s3:PutObject,s3:GetObject'), 'unauth', '<S3Bucket>'), {
    grants: ['s3:GetObject public/*', 's3:ListBucket public/', 's3:ListBucket public/*', 's3:PutObject public/*'],
    problems: [],
  });
  assert.deepEqual(roleGrants(guestScope('DISALLOW'), 'unauth', '<S3Bucket>').grants, [
    's3:ListBucket public/',
    's3:ListBucket public/*',
  ]);
});

test('a grant only the stack or only the local server has is named, and the real table is told apart', () => {
  assert.deepEqual(
    grantDifferences(
      ['s3:GetObject public/*', 's3:ListBucket public/'],
      ['s3:GetObject public/*', 's3:DeleteObject public/*'],
      'Crew (role crew)',
    ),
    [
      'on AWS Crew (role crew) get s3:DeleteObject public/*; the local server does not allow it',
      'the local server allows Crew (role crew) s3:ListBucket public/; the deployed stack does not grant it',
    ],
  );
  const server = serverSignedInGrants('Crew');
  assert.ok(server.includes('s3:GetObject public/crews/${aws:PrincipalTag/crew1}/*'));
  assert.deepEqual(serverSignedInGrants(), [], 'someone in no group gets nothing');
  const deployed = roleGrants(guestScope('s3:PutObject,s3:GetObject'), 'auth', '<S3Bucket>').grants;
  assert.deepEqual(deployed, ['s3:* *']);
  assert.ok(
    grantDifferences(server, deployed, 'signed-in people').includes(
      'on AWS signed-in people get s3:* *; the local server does not allow it',
    ),
  );
});

// The identity pool's role attachment as the CLI compiles it for a user pool with groups, the root
// stack's two roles, and a groups stack where each group has its own role.
const rootStack: Template = {
  Resources: {
    AuthRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app-authRole' } },
    UnauthRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app-unauthRole' } },
  },
};
const authStack = (roleMappings: boolean): Template => ({
  Parameters: { authRoleArn: { Type: 'String' }, unauthRoleArn: { Type: 'String' } },
  Resources: {
    IdentityPoolRoleMap: {
      Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
      Properties: {
        Roles: { authenticated: { Ref: 'authRoleArn' }, unauthenticated: { Ref: 'unauthRoleArn' } },
        ...(roleMappings && {
          RoleMappings: { Web: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } },
        }),
      },
    },
  },
});
const groupsStack: Template = {
  Parameters: { poolId: { Type: 'String' } },
  Resources: {
    CrewGroup: {
      Type: 'AWS::Cognito::UserPoolGroup',
      Properties: { GroupName: 'Crew', RoleArn: { 'Fn::GetAtt': ['CrewGroupRole', 'Arn'] } },
    },
    CrewGroupRole: {
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: { 'Fn::Join': ['', [{ Ref: 'poolId' }, '-CrewGroupRole']] } },
    },
    OfficeGroup: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'Office' } },
  },
};

test("signed-in people get the authenticated role, or their group's where the pool maps roles from the token", () => {
  const roles = (roleMappings: boolean) =>
    poolRoles(
      stackScope(authStack(roleMappings), { authRoleArn: '<AuthRole.Arn>', unauthRoleArn: '<UnauthRole.Arn>' }, 'auth'),
      stackScope(groupsStack, { poolId: '<auth.Outputs.UserPoolId>' }, 'groups'),
      stackScope(rootStack, {}, 'root'),
    );
  const plain = roles(false);
  assert.equal(plain.guests, 'app-unauthRole');
  assert.deepEqual([...groupsByRole(plain.signedIn)], [['app-authRole', ['Office', 'Crew', 'Viewer']]]);
  const byToken = roles(true);
  assert.ok(byToken.tokenMapping);
  assert.deepEqual(byToken.problems, []);
  assert.deepEqual(
    [...groupsByRole(byToken.signedIn)],
    [
      ['app-authRole', ['Office', 'Viewer']],
      ['<auth.Outputs.UserPoolId>-CrewGroupRole', ['Crew']],
    ],
  );
});

// The auth and groups stacks as the overrides make them for crews' photos, to be spoiled one way at a time.
const crewAuthStack = (writable: string[], tags: Record<string, string>): Template => ({
  Resources: {
    UserPool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: {
        Schema: ['crew1', 'crew2', 'crew3', 'crew4'].map((name) => ({ Name: name, AttributeDataType: 'String' })),
      },
    },
    UserPoolClientWeb: { Type: 'AWS::Cognito::UserPoolClient', Properties: { WriteAttributes: writable } },
    IdentityPool: { Type: 'AWS::Cognito::IdentityPool', Properties: {} },
    CrewTags: {
      Type: 'AWS::Cognito::IdentityPoolPrincipalTag',
      Properties: {
        IdentityPoolId: { Ref: 'IdentityPool' },
        IdentityProviderName: { 'Fn::Sub': 'cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}' },
        UseDefaults: false,
        PrincipalTags: tags,
      },
    },
    IdentityPoolRoleMap: {
      Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
      Properties: { RoleMappings: { Web: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } } },
    },
  },
});
const crewGroupsStack = (tagged: string[]): Template => ({
  Resources: Object.fromEntries(
    ['Office', 'Crew', 'Viewer'].flatMap((group, index) => [
      [
        `${group}Group`,
        { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: group, Precedence: index + 1 } },
      ],
      [
        `${group}GroupRole`,
        {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: `${group}-role`,
            AssumeRolePolicyDocument: {
              Statement: [
                {
                  Action: tagged.includes(group)
                    ? ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']
                    : 'sts:AssumeRoleWithWebIdentity',
                },
              ],
            },
          },
        },
      ],
    ]),
  ),
});

test('crews: attributes no client writes, the local tag map, and group roles Cognito may tag', () => {
  const tags = { crew1: 'custom:crew1', crew2: 'custom:crew2', crew3: 'custom:crew3', crew4: 'custom:crew4' };
  const roles = {
    guests: 'unauth',
    authenticated: 'auth',
    signedIn: new Map([
      ['Office', 'Office-role'],
      ['Crew', 'Crew-role'],
      ['Viewer', 'Viewer-role'],
    ]),
    tokenMapping: true,
    problems: [],
  };
  const problems = (auth: Template, groups: Template) => {
    const found: string[] = [];
    checkCrewTags(stackScope(auth, {}, 'auth'), stackScope(groups, {}, 'groups'), roles, (_, p) => found.push(...p));
    return found;
  };
  const all = ['Office', 'Crew', 'Viewer'];
  assert.deepEqual(problems(crewAuthStack(['name'], tags), crewGroupsStack(all)), []);
  assert.match(
    problems(crewAuthStack(['name', 'custom:crew1'], tags), crewGroupsStack(all)).join(),
    /may write custom:crew1 themselves/,
  );
  assert.match(
    problems(crewAuthStack(['name'], { ...tags, crew4: 'custom:crew1' }), crewGroupsStack(all)).join(),
    /CrewTags maps/,
  );
  assert.match(
    problems(crewAuthStack(['name'], tags), crewGroupsStack(['Office', 'Viewer'])).join(),
    /CrewGroupRole: its trust policy does not allow sts:TagSession/,
  );
});
