import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parse } from 'graphql';

import { selectionProblem, textNesting, tokenCount, valueNesting } from './document-limits.ts';

const LIMITS = { maxQueryTokens: 10_000, maxQueryNesting: 64, maxSelectedFields: 50, maxRepeatsOfAField: 3 };

test('text nesting counts braces, brackets and parentheses, not those in strings or comments', () => {
  assert.equal(textNesting('{ a { b(x: [1]) } }'), 4);
  assert.equal(textNesting('{ a(s: "{{{{[[[") }'), 2);
  assert.equal(textNesting('{ a(s: """ {{{ \\""" {{{ """) }'), 2);
  assert.equal(textNesting('# {{{{{{\n{ a }'), 1);
  assert.equal(textNesting('{'.repeat(5000)), 5000);
});

test('value nesting stops counting past the cap, however deep the value', () => {
  assert.equal(valueNesting({ a: [{ b: 1 }] }, 10), 3);
  assert.equal(valueNesting(null, 10), 0);
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(valueNesting(deep, 64), 65);
});

test('tokens are counted up to the cap; a text the lexer rejects is left to the parser', () => {
  assert.equal(tokenCount('{ a b c }', 100), 5);
  assert.equal(tokenCount('{ a '.repeat(1000), 100), 101);
  assert.equal(tokenCount('{ "unterminated', 100), 0);
});

test('a selection too wide, or one field repeated too often, is named; fragments count expanded', () => {
  assert.equal(selectionProblem(parse('{ a { b c } d }'), LIMITS), undefined);
  assert.match(selectionProblem(parse('{ a a a a }'), LIMITS) ?? '', /"a" is selected more than 3 times/);
  // Aliases are separate response names, but each is a field to resolve.
  const wide = `{ ${Array.from({ length: 51 }, (_, i) => `f${i}: a`).join(' ')} }`;
  assert.match(selectionProblem(parse(wide), LIMITS) ?? '', /over 50 fields/);
  // Four spreads of one fragment select its field four times in one set.
  const spread = 'query { ...F ...F ...F ...F } fragment F on Query { a }';
  assert.match(selectionProblem(parse(spread), LIMITS) ?? '', /"a" is selected more than 3 times/);
  // Fragments of fragments multiply: 3 x 3 x 3 x 3 = 81 fields from a short text.
  const bomb = [
    'query { ...A }',
    'fragment A on Query { x: ...B y: ...B }',
    'fragment B on Query { ...C1 ...C2 ...C3 }',
    'fragment C1 on Query { p1: t { ...D } p2: t { ...D } p3: t { ...D } }',
    'fragment C2 on Query { q1: t { ...D } q2: t { ...D } q3: t { ...D } }',
    'fragment C3 on Query { r1: t { ...D } r2: t { ...D } r3: t { ...D } }',
    'fragment D on T { a b c }',
  ]
    .join('\n')
    .replace(/[xy]: /g, '');
  assert.match(selectionProblem(parse(bomb), LIMITS) ?? '', /more than 3 times|over 50 fields/);
  // A cycle is for validation to report; counting it must still end.
  assert.equal(selectionProblem(parse('query { ...A } fragment A on Query { ...A }'), LIMITS), undefined);
});
