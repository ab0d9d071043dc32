import { readSchema } from '../src/amplify-project.ts';

/**
 * amplify/'s schema as it confines Crew users to their crews: its static Crew rules dropped, so the
 * crew rules (`groupsField: "crewGroup"`) and the owner rules are all that admit them. Office and
 * Viewer keep reading everything. ARCHITECTURE.md, "Crews", says why the rules are these.
 */
export function crewScopedSchema(): string {
  const scoped = readSchema()
    .replace(/^\s*\{ allow: groups, groups: \["Crew"\], operations: \[[a-z, ]+\] \}\n/gm, '')
    .replaceAll('groups: ["Crew", "Viewer"]', 'groups: ["Viewer"]');
  if (/groups: \[[^\]]*"Crew"/.test(scoped)) throw new Error('a static Crew rule of amplify/ was not dropped');
  return scoped;
}
