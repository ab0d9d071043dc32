// The GraphQL transformer's declarations import the root of aws-cdk-lib, whose index names every
// service module (over 2,500 declaration files, half the Node type check's files) for the core
// classes and three modules they use. tsconfig.node.json maps the root to this narrower index;
// the service modules themselves are still imported by path where used.
export * as aws_iam from 'aws-cdk-lib/aws-iam';
export * as aws_kms from 'aws-cdk-lib/aws-kms';
export * as aws_lambda from 'aws-cdk-lib/aws-lambda';
export * from 'aws-cdk-lib/core';
