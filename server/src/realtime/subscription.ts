import {
  coerceInputValue,
  type DocumentNode,
  execute,
  type FieldNode,
  getOperationAST,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  Kind,
  valueFromAST,
} from 'graphql';

import { formatError } from '../graphql/errors.ts';
import { type Filter, matchesFilter } from '../graphql/filter.ts';
import type { ChangeEvent } from '../store/change-event.ts';

/** A validated `start`: one root subscription field, its trigger mutations and coerced filter. */
export interface Subscription {
  document: DocumentNode;
  variables: Record<string, unknown>;
  fieldName: string;
  mutations: string[];
  filter: Filter | null;
  ownerArguments: Record<string, unknown>;
}

export function prepareSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): Subscription | string {
  const operation = getOperationAST(document);
  if (!operation || operation.operation !== 'subscription') return 'The document must hold one subscription operation.';
  const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const [field] = fields;
  if (!field || fields.length !== 1 || operation.selectionSet.selections.length !== 1)
    return 'A subscription must select exactly one field.';
  const definition = schema.getSubscriptionType()?.getFields()[field.name.value];
  if (!definition) return `Unknown subscription ${field.name.value}.`;
  const subscribe = definition.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
  const mutationsArg = subscribe?.arguments?.find((a) => a.name.value === 'mutations')?.value;
  const mutations =
    mutationsArg?.kind === Kind.LIST
      ? mutationsArg.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))
      : [];
  const argumentValues: Record<string, unknown> = {};
  try {
    for (const node of field.arguments ?? []) {
      const type = definition.args.find((a) => a.name === node.name.value)?.type;
      if (!type) return `Unknown argument ${node.name.value}.`;
      argumentValues[node.name.value] =
        node.value.kind === Kind.VARIABLE
          ? coerceInputValue(variables[node.value.name.value] ?? null, type)
          : valueFromAST(node.value, type, variables);
    }
  } catch (error) {
    return `The variables input contains an invalid value: ${(error as Error).message}`;
  }
  const { filter, ...ownerArguments } = argumentValues;
  return {
    document,
    variables,
    fieldName: field.name.value,
    mutations,
    filter: (filter as Filter) ?? null,
    ownerArguments,
  };
}

/**
 * Renders each event once per distinct subscription (same document and variables), however many
 * sockets hold it: 200 devices with DataStore's three Job subscriptions share three renderings.
 * Payloads come back as JSON text, ready to splice into each socket's `data` message.
 */
export class EventRenderer {
  private readonly rendered = new Map<DocumentNode, Map<string, Promise<string | undefined> | string | undefined>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fieldResolver: GraphQLFieldResolver<unknown, unknown>,
    private readonly event: ChangeEvent,
    /** The record as subscribers read it (owners as usernames), which filters are matched against. */
    private readonly shown: Record<string, unknown> = event.record,
  ) {}

  render(subscription: Subscription): Promise<string | undefined> | string | undefined {
    // Callers' filters differ (each is narrowed to the caller's own records): only the rendering is shared.
    if (!wants(subscription, this.event, this.shown)) return undefined;
    let byVariables = this.rendered.get(subscription.document);
    if (!byVariables) this.rendered.set(subscription.document, (byVariables = new Map()));
    const key = JSON.stringify(subscription.variables);
    if (byVariables.has(key)) return byVariables.get(key);
    const payload = execution(this.schema, this.fieldResolver, subscription, this.event);
    const json =
      payload instanceof Promise
        ? payload.then((p) => (p === undefined ? undefined : JSON.stringify(p)))
        : payload === undefined
          ? undefined
          : JSON.stringify(payload);
    byVariables.set(key, json);
    return json;
  }
}

/**
 * Whether a subscription wants an event: its trigger mutation, its filter and each owner argument
 * (equal to the field, as AppSync's argument filtering), matched against the record as it is read.
 */
function wants(subscription: Subscription, event: ChangeEvent, shown: Record<string, unknown>): boolean {
  if (!subscription.mutations.includes(event.mutation)) return false;
  if (!matchesFilter(shown, subscription.filter)) return false;
  return Object.entries(subscription.ownerArguments).every(
    ([field, value]) => value === null || value === undefined || shown[field] === value,
  );
}

/** The `data` payload for an event, or undefined when the subscription does not want it. */
export function renderEvent(
  schema: GraphQLSchema,
  fieldResolver: GraphQLFieldResolver<unknown, unknown>,
  subscription: Subscription,
  event: ChangeEvent,
  shown: Record<string, unknown> = event.record,
): Promise<unknown> | unknown {
  return wants(subscription, event, shown) ? execution(schema, fieldResolver, subscription, event) : undefined;
}

function execution(
  schema: GraphQLSchema,
  fieldResolver: GraphQLFieldResolver<unknown, unknown>,
  subscription: Subscription,
  event: ChangeEvent,
): Promise<unknown> | unknown {
  const result = execute({
    schema,
    document: subscription.document,
    variableValues: subscription.variables,
    rootValue: { [subscription.fieldName]: event.record },
    fieldResolver,
  });
  const shape = (r: Awaited<typeof result>) => ({
    data: r.data ?? null,
    ...(r.errors ? { errors: r.errors.map((e) => formatError(e)) } : {}),
  });
  return result instanceof Promise ? result.then(shape) : shape(result);
}
