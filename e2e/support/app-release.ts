import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repositoryRoot } from './server-process.ts';

interface ServiceWorkerManifest {
  timestamp: number;
  appData: { modelsVersion: string };
  hashTable: Record<string, string>;
}

/** A copy of the production build that a test can turn into "the next release". */
export interface AppRelease {
  readonly directory: string;
  /** Publishes a new version whose DataStore models differ, as a schema change would. */
  publishVersionWithNewModels(): string;
  dispose(): void;
}

export function copyOfBuiltApp(): AppRelease {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-release-'));
  cpSync(join(repositoryRoot, 'dist', 'fieldbook', 'browser'), directory, { recursive: true });
  const manifestPath = join(directory, 'ngsw.json');
  return {
    directory,
    publishVersionWithNewModels() {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ServiceWorkerManifest;
      const current = manifest.appData.modelsVersion;
      const next = createHash('md5').update(`${current}-next`).digest('hex');
      const files = readdirSync(directory).filter((name) => name.endsWith('.js'));
      let changed = 0;
      for (const name of files) {
        const text = readFileSync(join(directory, name), 'utf8');
        if (!text.includes(current)) continue;
        const updated = text.replaceAll(current, next);
        writeFileSync(join(directory, name), updated);
        manifest.hashTable[`/${name}`] = createHash('sha1').update(updated).digest('hex');
        changed++;
      }
      if (changed === 0) throw new Error('no bundle carries the models version');
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
