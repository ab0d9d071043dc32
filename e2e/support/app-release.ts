import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repositoryRoot } from '../../testing/server-process.ts';

interface ServiceWorkerManifest {
  timestamp: number;
  appData: { modelsVersion: string };
  assetGroups: { urls: string[] }[];
  hashTable: Record<string, string>;
}

/** A copy of the production build that a test can turn into "the next release". */
export interface AppRelease {
  readonly directory: string;
  /** Publishes a new version whose DataStore models differ, as a schema change would. */
  publishVersionWithNewModels(): string;
  dispose(): void;
}

/** The build the e2e server serves: FIELDBOOK_STATIC_DIR when set (as for the server), else `ng build`'s output. */
const builtApp = () => process.env['FIELDBOOK_STATIC_DIR'] ?? join(repositoryRoot, 'dist', 'fieldbook', 'browser');

export function copyOfBuiltApp(): AppRelease {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-release-'));
  cpSync(builtApp(), directory, { recursive: true });
  const manifestPath = join(directory, 'ngsw.json');
  return {
    directory,
    publishVersionWithNewModels() {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ServiceWorkerManifest;
      const current = manifest.appData.modelsVersion;
      const next = createHash('md5').update(`${current}-next`).digest('hex');
      const texts = new Map(
        readdirSync(directory)
          .filter((name) => name.endsWith('.js') || name === 'index.html')
          .map((name) => [name, readFileSync(join(directory, name), 'utf8')]),
      );
      // As a real release does: every bundle whose content changes gets a new name, and so does
      // every bundle that names one of those (the app's bundles are cached as immutable).
      const renames = new Map<string, string>();
      let changed = [...texts.keys()].filter((name) => texts.get(name)?.includes(current));
      if (changed.length === 0) throw new Error('no bundle carries the models version');
      for (const name of changed) texts.set(name, (texts.get(name) ?? '').replaceAll(current, next));
      while (changed.length > 0) {
        for (const name of changed)
          if (name !== 'index.html') renames.set(name, name.replace(/\.js$/, `-${next.slice(0, 8)}.js`));
        changed = [...texts.keys()].filter(
          (name) => !renames.has(name) && changed.some((old) => texts.get(name)?.includes(old)),
        );
        for (const [name, text] of texts) {
          let updated = text;
          for (const [from, to] of renames) updated = updated.replaceAll(from, to);
          texts.set(name, updated);
        }
      }
      const hashes = new Map(Object.entries(manifest.hashTable));
      for (const [name, text] of texts) {
        const published = renames.get(name) ?? name;
        if (published !== name) rmSync(join(directory, name));
        writeFileSync(join(directory, published), text);
        hashes.delete(`/${name}`);
        hashes.set(`/${published}`, createHash('sha1').update(text).digest('hex'));
      }
      manifest.hashTable = Object.fromEntries(hashes);
      for (const group of manifest.assetGroups) {
        group.urls = group.urls.map((url) => `/${renames.get(url.slice(1)) ?? url.slice(1)}`);
      }
      manifest.appData.modelsVersion = next;
      manifest.timestamp = Date.now();
      writeFileSync(manifestPath, JSON.stringify(manifest));
      return next;
    },
    dispose() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
