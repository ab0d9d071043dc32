// The type check of the Node code reaches @aws-cdk/toolkit-lib only through the IO host types of
// @aws-amplify/plugin-types, which the GraphQL transformer's declarations import. The toolkit's
// own declarations pull in every AWS SDK client (EC2 alone is a thousand files), a quarter of the
// check's CPU for code nothing here calls: tsconfig.node.json maps the package to these stand-ins
// for the three types that IO host names. Running code never imports the toolkit.
export type ToolkitAction = string;

export interface IoMessage<T> {
  readonly time: Date;
  readonly level: string;
  readonly action: ToolkitAction;
  readonly code: string;
  readonly message: string;
  readonly data: T;
}

export interface IoRequest<T, U> extends IoMessage<T> {
  readonly defaultResponse: U;
}
