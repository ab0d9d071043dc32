import { type DefinitionNode, Kind, parse, print, visit } from 'graphql';

function keyOf(definition: DefinitionNode): string {
  if (definition.kind === Kind.SCHEMA_DEFINITION) return 'schema';
  if (definition.kind === Kind.DIRECTIVE_DEFINITION) return `@${definition.name.value}`;
  if ('name' in definition && definition.name) return definition.name.value;
  return print(definition);
}

function definitions(source: string): Map<string, DefinitionNode> {
  return new Map(parse(source).definitions.map((definition) => [keyOf(definition), definition]));
}

function referencedTypes(nodes: Iterable<DefinitionNode>): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      NamedType(named) {
        names.add(named.name.value);
      },
    });
  }
  return names;
}

export interface SchemaComparison {
  /** Definitions both schemas have, printed alike. */
  same: number;
  /** Input types only `actual` has that nothing in it refers to: no operation can take them. */
  unusedExtraInputs: string[];
  problems: string[];
}

/**
 * Compares two AppSync schemas definition by definition, in any order. `actual` may have input
 * types of its own that nothing refers to (a newer transformer declares some unconditionally);
 * any other definition missing, added or different is a problem.
 */
export function compareSchemas(expected: string, actual: string): SchemaComparison {
  const want = definitions(expected);
  const have = definitions(actual);
  const used = referencedTypes(have.values());
  const result: SchemaComparison = { same: 0, unusedExtraInputs: [], problems: [] };
  for (const [key, definition] of want) {
    const other = have.get(key);
    if (!other) result.problems.push(`${key} is missing`);
    else if (print(other) !== print(definition)) result.problems.push(`${key} differs`);
    else result.same += 1;
  }
  for (const [key, definition] of have) {
    if (want.has(key)) continue;
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && !used.has(key)) result.unusedExtraInputs.push(key);
    else result.problems.push(`${key} is only in one schema`);
  }
  return result;
}
