import type { Filter } from '../graphql/filter.ts';

/** AppSync's limits on the values of one operator in a subscription's (enhanced) filter. */
const VALUE_LIMITS: Readonly<Record<string, number>> = { in: 5, notIn: 5, containsAny: 20 };

/**
 * AppSync's refusal of a subscription whose filter, the caller's narrowed by the `@auth` rules,
 * lists more values for an operator than it takes: a dynamic group rule puts every group of the
 * token in an `in`, so a person in too many groups cannot subscribe.
 */
export function filterLimitProblem(filter: Filter | null): string | undefined {
  if (!filter) return undefined;
  for (const [key, value] of Object.entries(filter)) {
    const limit = VALUE_LIMITS[key];
    if (limit !== undefined && Array.isArray(value) && value.length > limit) {
      return `subscription exceeds maximum value limit ${limit} for operator \`${key}\`.`;
    }
    const nested = Array.isArray(value) ? value : [value];
    for (const part of nested) {
      if (part && typeof part === 'object') {
        const problem = filterLimitProblem(part as Filter);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}
