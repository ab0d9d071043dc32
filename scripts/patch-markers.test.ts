/**
 * patches/LEDGER.md lists every change the pinned patches make to Amplify's builds; each change is
 * marked `fieldbook-patch <id>:` in the code it touches, in both builds (the ES modules the app
 * bundles, the CommonJS Node tests require). This fails when an installed build lacks a listed
 * marker (a patch that no longer applies, a package upgraded under it), when a patch hunk carries
 * no marker, or when a marker has no ledger row.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const PATCHES = join(import.meta.dirname, '..', 'patches');
const NODE_MODULES = join(import.meta.dirname, '..', 'node_modules');
const MARKER = /fieldbook-patch ([DS]\d+):/g;
/** The package each ledger id's prefix belongs to. */
const PACKAGES: Record<string, string> = { D: '@aws-amplify/datastore', S: '@aws-amplify/storage' };
const BUILDS = [
  { dir: 'cjs', ext: '.js' },
  { dir: 'esm', ext: '.mjs' },
];

interface LedgerRow {
  readonly id: string;
  /** Paths under the package's dist/<build>/, without the extension. */
  readonly files: readonly string[];
}

function ledger(): LedgerRow[] {
  const rows = readFileSync(join(PATCHES, 'LEDGER.md'), 'utf8')
    .split('\n')
    .map((line) => /^\|\s*([DS]\d+)\s*\|([^|]*)\|/.exec(line))
    .filter((match) => match !== null);
  return rows.map(([, id = '', files = '']) => ({
    id,
    files: Array.from(files.matchAll(/`([^`]+)`/g), ([, file = '']) => file),
  }));
}

function markersIn(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(MARKER), ([, id = '']) => id));
}

/** Every file of a package's builds that carries a marker, with the ids it carries. */
function markedFiles(dir: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.m?js$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const ids = markersIn(readFileSync(path, 'utf8'));
    if (ids.size > 0) found.set(path, ids);
  }
  return found;
}

const rows = ledger();

test('the ledger lists changes, each once, each with its files', () => {
  assert.ok(rows.length > 0, 'no rows in patches/LEDGER.md');
  assert.equal(new Set(rows.map((row) => row.id)).size, rows.length, 'an id has two rows');
  for (const row of rows) assert.ok(row.files.length > 0, `${row.id} names no file`);
});

for (const row of rows) {
  const packageName = PACKAGES[row.id.charAt(0)] ?? '';
  for (const { dir, ext } of BUILDS) {
    test(`${row.id} is marked in the installed ${dir} build of ${packageName}`, () => {
      for (const file of row.files) {
        const path = join(NODE_MODULES, packageName, 'dist', dir, file + ext);
        assert.ok(existsSync(path), `${path} does not exist`);
        assert.ok(markersIn(readFileSync(path, 'utf8')).has(row.id), `no fieldbook-patch ${row.id} marker in ${path}`);
      }
    });
  }
}

test('every marker in the installed builds has a ledger row naming its file', () => {
  const listed = new Map(rows.map((row) => [row.id, row.files]));
  for (const packageName of Object.values(PACKAGES)) {
    const dist = join(NODE_MODULES, packageName, 'dist');
    for (const [path, ids] of markedFiles(dist)) {
      const file = path
        .slice(dist.length + 1)
        .replace(/^(cjs|esm)\//, '')
        .replace(/\.m?js$/, '');
      for (const id of ids) {
        assert.ok(listed.has(id), `${path} is marked ${id}, which has no row in patches/LEDGER.md`);
        assert.ok(listed.get(id)?.includes(file), `${path} is marked ${id}, whose row does not name ${file}`);
      }
    }
  }
});

test('every hunk of every patch carries a marker the ledger lists', () => {
  const ids = new Set(rows.map((row) => row.id));
  const patches = readdirSync(PATCHES).filter((name) => name.endsWith('.patch'));
  assert.ok(patches.length > 0, 'no patches');
  for (const name of patches) {
    let file = '';
    for (const chunk of readFileSync(join(PATCHES, name), 'utf8').split(/^(?=diff --git |@@ )/m)) {
      if (chunk.startsWith('diff --git ')) file = chunk.split('\n', 1)[0] ?? '';
      if (!chunk.startsWith('@@ ')) continue;
      const added = chunk
        .split('\n')
        .filter((line) => line.startsWith('+'))
        .join('\n');
      const marked = markersIn(added);
      assert.ok(marked.size > 0, `${name}: a hunk in ${file} (${chunk.split('\n', 1)[0]}) carries no marker`);
      for (const id of marked) assert.ok(ids.has(id), `${name}: ${id} has no row in patches/LEDGER.md`);
    }
  }
});
