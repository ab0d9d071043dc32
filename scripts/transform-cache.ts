/**
 * The transformer's output on disk, by a hash of everything it is made from: loading the
 * transformer (aws-cdk-lib) and one run cost about 12 CPU-seconds, and several test files transform
 * the same schema (the crews' user-pool API in six). A changed schema, setting, flag, transformer
 * version or transformer script is a different key; a run that throws stores nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { repositoryRoot } from '../server/src/amplify-project.ts';

const directory = join(repositoryRoot, 'node_modules', '.cache', 'fieldbook-transform');
const TRANSFORMER_PACKAGES = [
  '@aws-amplify/graphql-transformer',
  '@aws-amplify/graphql-transformer-core',
  '@aws-amplify/graphql-directives',
  'aws-cdk-lib',
];
const require = createRequire(import.meta.url);

function keyOf(inputs: unknown): string {
  const versions = TRANSFORMER_PACKAGES.map(
    (name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`,
  );
  const script = readFileSync(join(repositoryRoot, 'scripts', 'transform.ts'), 'utf8');
  return createHash('sha256').update(JSON.stringify({ inputs, versions, script })).digest('hex');
}

/** `make()`'s answer for `inputs`, from an earlier run when one made it (a JSON value). */
export function cachedTransform<T>(inputs: unknown, make: () => T): T {
  const path = join(directory, `${keyOf(inputs)}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    // Not made yet, or unreadable: make it.
  }
  const made = make();
  mkdirSync(directory, { recursive: true });
  // Files running side by side may make the same key: each writes its own file and renames it over.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(made));
  renameSync(partial, path);
  return made;
}
