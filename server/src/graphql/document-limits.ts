/**
 * Bounds on a request's shape, checked before graphql-js parses or validates it: the parser and
 * the validator recurse (a few thousand levels overflow the stack) and validation compares every
 * pair of fields that share a response name (2,000 copies of one field held the event loop for
 * seconds). Each check reads without recursion, or recurses only as deep as the nesting it bounds.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  Lexer,
  type SelectionSetNode,
  Source,
  TokenKind,
} from 'graphql';

import type { Limits } from '../limits.ts';

export type DocumentLimits = Pick<
  Limits,
  'maxQueryTokens' | 'maxQueryNesting' | 'maxSelectedFields' | 'maxRepeatsOfAField'
>;

/** Tokens in a GraphQL text, counted up to `cap + 1`; a text the lexer rejects is left to the parser. */
export function tokenCount(text: string, cap: number): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > cap) break;
  } catch {
    return 0;
  }
  return count;
}

/** Deepest nesting of `{`, `[` and `(` in a GraphQL text, outside strings and comments. */
export function textNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '"') {
      i = stringEnd(text, i);
    } else if (c === '{' || c === '[' || c === '(') {
      deepest = Math.max(deepest, ++depth);
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return deepest;
}

/** Index of the last character of the string starting at `start` (a `"` or `"""`). */
function stringEnd(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    let from = start + 3;
    for (;;) {
      const close = text.indexOf('"""', from);
      if (close < 0) return text.length;
      if (text[close - 1] !== '\\') return close + 2;
      from = close + 3;
    }
  }
  let i = start + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/** Deepest nesting of objects and arrays in a parsed JSON value, counted up to `cap + 1`. */
export function valueNesting(value: unknown, cap: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > cap) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Why a request's variables are refused (nested too deep for graphql-js to coerce), or undefined. */
export function variablesProblem(variables: unknown, limits: Pick<Limits, 'maxQueryNesting'>): string | undefined {
  const limit = limits.maxQueryNesting;
  return valueNesting(variables, limit) > limit ? `The variables nest deeper than ${limit} levels.` : undefined;
}

interface SelectionCount {
  /** Fields selected, nested ones included, capped just above the limit. */
  fields: number;
  /** How often each response name is selected at this level, fragments flattened. */
  names: Map<string, number>;
}

/**
 * What a parsed document selects, fragments expanded: refused when it selects too many fields in
 * all, or one response name too often in one selection set. Returns the reason, or undefined.
 */
export function selectionProblem(document: DocumentNode, limits: DocumentLimits): string | undefined {
  const cap = limits.maxSelectedFields + 1;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const counted = new Map<string, SelectionCount>();
  let problem: string | undefined;

  const count = (set: SelectionSetNode): SelectionCount => {
    const names = new Map<string, number>();
    let fields = 0;
    const add = (name: string, times: number) => {
      const total = Math.min(cap, (names.get(name) ?? 0) + times);
      names.set(name, total);
      if (total > limits.maxRepeatsOfAField) {
        problem ??= `The field "${name}" is selected more than ${limits.maxRepeatsOfAField} times in one selection set.`;
      }
    };
    for (const selection of set.selections) {
      // Past a limit the answer is known; counting on could cost as much as validating.
      if (problem !== undefined || fields >= cap) break;
      let inner: SelectionCount | undefined;
      if (selection.kind === Kind.FIELD) {
        fields += 1;
        add((selection.alias ?? selection.name).value, 1);
        if (selection.selectionSet) fields += count(selection.selectionSet).fields;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = count(selection.selectionSet);
      } else {
        inner = counted.get(selection.name.value);
      }
      if (inner) {
        fields += inner.fields;
        for (const [name, times] of inner.names) {
          add(name, times);
          if (problem !== undefined) break;
        }
      }
      fields = Math.min(cap, fields);
    }
    return { fields, names };
  };

  // Fragments before the fragments that spread them; a cycle is left for validation to report.
  for (const name of fragmentOrder(fragments)) {
    const fragment = fragments.get(name);
    if (fragment) counted.set(name, count(fragment.selectionSet));
  }
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += count(definition.selectionSet).fields;
  }
  if (problem) return problem;
  if (total > limits.maxSelectedFields) {
    return `The query selects over ${limits.maxSelectedFields} fields (fragments expanded, aliases counted); split it into smaller queries.`;
  }
  return undefined;
}

/** Fragment names, each after every fragment it spreads (depth-first, without recursion). */
function fragmentOrder(fragments: Map<string, FragmentDefinitionNode>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of fragments.keys()) {
    const stack: [string, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [name, expanded] = stack.pop() as [string, boolean];
      if (expanded) {
        order.push(name);
        continue;
      }
      if (seen.has(name) || !fragments.has(name)) continue;
      seen.add(name);
      stack.push([name, true]);
      for (const spread of spreadsIn(fragments.get(name)?.selectionSet)) stack.push([spread, false]);
    }
  }
  return order;
}

function spreadsIn(set: SelectionSetNode | undefined): string[] {
  if (!set) return [];
  return set.selections.flatMap((selection) =>
    selection.kind === Kind.FRAGMENT_SPREAD ? [selection.name.value] : spreadsIn(selection.selectionSet),
  );
}
