import { storedAppFiles } from './stored-app-files';

/** Writes Cache Storage the way Angular's service worker does, under a scope of the spec's own. */
async function workerCaches(scope: string, latest: string, manifests: Record<string, unknown>) {
  const prefix = `ngsw:${new URL(scope).pathname}`;
  const control = await caches.open(`${prefix}:db:control`);
  await control.put(new URL('/latest', scope).href, Response.json({ latest }));
  await control.put(new URL('/manifests', scope).href, Response.json(manifests));
  return {
    async store(version: string, group: string, url: string) {
      const cache = await caches.open(`${prefix}:${version}:assets:${group}:cache`);
      await cache.put(new URL(url, scope).href, new Response('file'));
    },
    async dispose() {
      for (const name of await caches.keys()) if (name.startsWith(`${prefix}:`)) await caches.delete(name);
    },
  };
}

const manifest = (...groups: [string, string[]][]) => ({
  assetGroups: groups.map(([name, urls]) => ({ name, urls, cacheQueryOptions: { ignoreVary: true } })),
});

describe('storedAppFiles', () => {
  let scope: string;
  beforeEach(() => (scope = `${location.origin}/stored-app-files-${Math.random().toString(36).slice(2)}/`));

  it('is null before the service worker has chosen a version, and creates no cache of its own', async () => {
    expect(await storedAppFiles(caches, scope)).toBeNull();
    const names = await caches.keys();
    expect(names.some((name) => name.includes(new URL(scope).pathname))).toBeFalse();
  });

  it('counts the files of the worker’s latest version found in that version’s caches', async () => {
    const worker = await workerCaches(scope, 'v1', {
      v1: manifest(['app', ['/index.html', '/main.js', '/chunk-a.js']], ['assets', ['/icons/icon.png']]),
    });
    try {
      expect(await storedAppFiles(caches, scope)).toEqual({ version: 'v1', stored: 0, total: 4 });

      await worker.store('v1', 'app', '/index.html');
      await worker.store('v1', 'app', '/main.js');
      await worker.store('v1', 'assets', '/icons/icon.png');
      expect(await storedAppFiles(caches, scope)).toEqual({ version: 'v1', stored: 3, total: 4 });

      await worker.store('v1', 'app', '/chunk-a.js');
      expect(await storedAppFiles(caches, scope)).toEqual({ version: 'v1', stored: 4, total: 4 });
    } finally {
      await worker.dispose();
    }
  });

  it('counts the version that starts offline, not one still downloading', async () => {
    const worker = await workerCaches(scope, 'v1', {
      v1: manifest(['app', ['/index.html', '/main.js']]),
      v2: manifest(['app', ['/index.html', '/main-2.js']]),
    });
    try {
      await worker.store('v1', 'app', '/index.html');
      await worker.store('v1', 'app', '/main.js');
      await worker.store('v2', 'app', '/index.html');

      expect(await storedAppFiles(caches, scope)).toEqual({ version: 'v1', stored: 2, total: 2 });
    } finally {
      await worker.dispose();
    }
  });

  it('does not count a file stored for another version', async () => {
    const worker = await workerCaches(scope, 'v2', { v2: manifest(['app', ['/index.html']]) });
    try {
      await worker.store('v1', 'app', '/index.html');

      expect(await storedAppFiles(caches, scope)).toEqual({ version: 'v2', stored: 0, total: 1 });
    } finally {
      await worker.dispose();
    }
  });
});
