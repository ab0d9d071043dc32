import type { GraphQLResolveInfo } from 'graphql';

import type { Limits } from '../limits.ts';
import { AppSyncError } from './errors.ts';

export type ExecutionLimits = Pick<
  Limits,
  'maxQueryDepth' | 'maxResolvers' | 'maxResponseRecords' | 'requestTimeBudgetMs' | 'executionSliceMs'
>;

/** Fields past a limit that carry its error; the ones after them are null without one. */
const REPORTED_REFUSALS = 10;

/** Nesting level of a field in the answer: `{ a { b } }` puts b at 2 (list indexes do not count). */
function depthOf(path: GraphQLResolveInfo['path'] | undefined): number {
  let depth = 0;
  for (let at = path; at; at = at.prev) if (typeof at.key === 'string') depth++;
  return depth;
}

/**
 * What one GraphQL request may still spend, passed to the resolvers as the execution context.
 * Past a limit a resolver fails with AppSync's error for it (the field is null, the error is in
 * `errors`, the rest of the answer stands). Resolvers also take turns: once the request has run
 * for a slice, the next resolver waits for the event loop's next turn, so a costly request delays
 * others by one slice at a time, not by its whole run.
 */
export class RequestBudget {
  private resolvers = 0;
  private records = 0;
  private refusals = 0;
  private exhausted: AppSyncError | undefined;
  private readonly deadline: number;
  private sliceStart = performance.now();
  private nextTurn: Promise<void> | undefined;

  constructor(private readonly limits: ExecutionLimits) {
    this.deadline = this.sliceStart + limits.requestTimeBudgetMs;
  }

  /** Any field: refused beyond the query depth limit, when one is set. */
  checkDepth(info: GraphQLResolveInfo): void {
    const limit = this.limits.maxQueryDepth;
    if (limit > 0 && depthOf(info.path) > limit) {
      throw new AppSyncError(`The query is nested deeper than the depth limit of ${limit}.`, 'QueryDepthLimitReached');
    }
  }

  /**
   * Runs a resolver (a root or relation field) when it is its turn and the budget allows. Once a
   * limit is reached no resolver runs again; the first few report why, the rest are null, so a
   * runaway query does not turn into a runaway list of errors.
   */
  run<T>(resolve: () => T): T | null | Promise<T | null> {
    if (this.exhausted) return this.refuse(this.exhausted);
    if (++this.resolvers > this.limits.maxResolvers) {
      return this.refuse(new AppSyncError('Resolver invocation limit reached.', 'ResolverExecutionLimitReached'));
    }
    return this.whenItsTurn(resolve);
  }

  // Every resolver that waited for a turn checks the slice again: they resume together.
  private whenItsTurn<T>(resolve: () => T): T | null | Promise<T | null> {
    const turn = this.turn();
    return turn ? turn.then(() => this.whenItsTurn(resolve)) : this.charged(resolve);
  }

  private charged<T>(resolve: () => T): T | null {
    if (this.exhausted) return this.refuse(this.exhausted);
    if (performance.now() > this.deadline)
      return this.refuse(new AppSyncError('Execution timed out.', 'ExecutionTimeout'));
    const result = resolve();
    const items = (result as { items?: unknown } | null)?.items;
    this.records += Array.isArray(items) ? items.length : 1;
    if (this.records > this.limits.maxResponseRecords) {
      return this.refuse(
        new AppSyncError(
          `The response would hold more than ${this.limits.maxResponseRecords} records; ask for fewer (limit, filter) or leave out relations.`,
          'ResponseSizeLimitReached',
        ),
      );
    }
    return result;
  }

  private refuse(error: AppSyncError): null {
    this.exhausted = error;
    if (++this.refusals <= REPORTED_REFUSALS) throw error;
    return null;
  }

  /** Undefined while this request's slice lasts; then a promise of the event loop's next turn. */
  private turn(): Promise<void> | undefined {
    if (performance.now() - this.sliceStart < this.limits.executionSliceMs) return undefined;
    this.nextTurn ??= new Promise((resolve) =>
      setImmediate(() => {
        this.sliceStart = performance.now();
        this.nextTurn = undefined;
        resolve();
      }),
    );
    return this.nextTurn;
  }
}
