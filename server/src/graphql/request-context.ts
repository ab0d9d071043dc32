import type { Caller } from '../auth/caller.ts';
import { type ExecutionLimits, RequestBudget } from './request-budget.ts';

/** What one GraphQL request carries to every resolver: what it may still spend, and who it acts for. */
export class RequestContext extends RequestBudget {
  constructor(
    limits: ExecutionLimits,
    readonly caller: Caller,
  ) {
    super(limits);
  }
}
