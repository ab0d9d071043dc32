// Bundles what the test runner runs, so Node runs it without tsx: each test file (an ES module of
// its own, with the app and server code it imports) and the test DataStore client (one CommonJS
// file, server/test/datastore-client.ts). Loading packages through tsx's module hooks cost every
// test process and every client start about a CPU-second, and a suite starts hundreds. Packages
// stay external, required from node_modules as under tsx (the client's Amplify, DataStore and
// models still share one @aws-amplify/core). Each source's `import.meta` is replaced by its own
// location, so paths resolved from it mean what they mean under tsx.
//
//   node scripts/bundle-tests.mjs test-file...
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from 'esbuild';

const OUT = resolve('node_modules', '.cache', 'fieldbook-tests');
export const TEST_CLIENT_BUNDLE = resolve(OUT, 'datastore-client.cjs');
/** Where a test file's bundle is written: its path under the output folder, as `.mjs`. */
export const testBundleOf = (file) => resolve(OUT, relative('.', file)).replace(/\.ts$/, '.mjs');

const ownImportMeta = {
  name: 'own-import-meta',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.filename', JSON.stringify(path));
      return { contents, loader: 'ts' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [ownImportMeta],
  logLevel: 'warning',
};

export async function bundleTests(testFiles) {
  await Promise.all([
    build({
      ...common,
      entryPoints: [resolve('server', 'test', 'datastore-client.ts')],
      outfile: TEST_CLIENT_BUNDLE,
      format: 'cjs',
      define: { FIELDBOOK_TEST_CLIENT_BUNDLED: 'true' },
    }),
    testFiles.length === 0
      ? undefined
      : build({
          ...common,
          entryPoints: testFiles.map((file) => ({ in: file, out: relative('.', file).replace(/\.ts$/, '') })),
          outdir: OUT,
          outExtension: { '.js': '.mjs' },
          format: 'esm',
          sourcemap: 'inline',
        }),
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = process.argv.slice(2);
  await bundleTests(files);
  console.log(`bundled the test client and ${files.length} test files under ${relative('.', OUT)}`);
}
