import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repositoryRoot } from '../../testing/server-process.ts';
import { bundle } from '../lib/bundle.ts';

export const DIST = join(repositoryRoot, 'dist', 'fieldbook', 'browser');

const page = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><script src="${script}"></script></body></html>`;

export interface StaticFiles {
  /** The production build plus /bench/datastore.html, served by the sync server. */
  appDir: string;
  pouchHtml: string;
  pouchScript: string;
}

/**
 * Builds the app (production) unless BENCH_SKIP_BUILD=1, or takes the build in BENCH_APP_DIR (a
 * build's `browser` folder) as it is, and bundles the two bench pages (unminified for profiles).
 */
export async function prepareStatic(
  log: (line: string) => void,
  options: { minify?: boolean } = {},
): Promise<StaticFiles> {
  const given = process.env['BENCH_APP_DIR'];
  const dist = given ?? DIST;
  if (given === undefined && (process.env['BENCH_SKIP_BUILD'] !== '1' || !existsSync(join(DIST, 'index.html')))) {
    log('browser: production build (ng build)');
    const result = spawnSync(
      process.execPath,
      [join(repositoryRoot, 'node_modules', '@angular', 'cli', 'bin', 'ng.js'), 'build'],
      {
        cwd: repositoryRoot,
        encoding: 'utf8',
        env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
      },
    );
    if (result.status !== 0) throw new Error(`ng build failed:\n${result.stdout}\n${result.stderr}`);
  }
  const root = mkdtempSync(join(tmpdir(), 'fieldbook-bench-static-'));
  const appDir = join(root, 'app');
  cpSync(dist, appDir, { recursive: true });
  mkdirSync(join(appDir, 'bench'));
  await bundle(
    join(repositoryRoot, 'bench', 'page', 'datastore-page.ts'),
    join(appDir, 'bench', 'datastore.js'),
    options,
  );
  writeFileSync(join(appDir, 'bench', 'datastore.html'), page('/bench/datastore.js'));
  const pouchScript = join(root, 'pouch.js');
  await bundle(join(repositoryRoot, 'bench', 'page', 'pouch-page.ts'), pouchScript);
  return { appDir, pouchHtml: page('/bench/pouch.js'), pouchScript };
}
