/** An asset group of the worker's manifest (`ngsw.json`), as the worker keeps it. */
interface ManifestGroup {
  readonly name: string;
  readonly urls: readonly string[];
  readonly cacheQueryOptions?: CacheQueryOptions;
}

interface Manifest {
  readonly assetGroups?: readonly ManifestGroup[];
}

/** How many files of the app version the service worker starts with are in Cache Storage. */
export interface StoredAppFiles {
  /** The worker's hash of that version's manifest. */
  readonly version: string;
  readonly stored: number;
  readonly total: number;
}

/**
 * Counts, in Cache Storage, the files of the version Angular's service worker would serve to a
 * page opened now, with no network.
 *
 * That version is the worker's "latest" in its control table (the cache `ngsw:<scope>:db:control`,
 * entries `/latest` and `/manifests`), not the server's `ngsw.json`: the worker moves "latest" to a
 * new version only after every file of it is stored (`Driver.setupUpdate`), so while an update is
 * downloading the old version, complete in its own caches, is still what starts offline. Its files
 * are in `ngsw:<scope>:<version>:assets:<group>:cache`; the worker checks each response against the
 * manifest's hash table before storing it, so a file present is the right one. Before the first
 * version is chosen there is nothing to count (null).
 */
export async function storedAppFiles(storage: CacheStorage, scope: string): Promise<StoredAppFiles | null> {
  const prefix = `ngsw:${new URL(scope).pathname}`;
  const control = `${prefix}:db:control`;
  // `open` would create the cache: the worker would then find an empty control table it did not write.
  if (!(await storage.has(control))) return null;
  const table = await storage.open(control);
  const latest = await readEntry<{ latest?: string }>(table, new URL('/latest', scope).href);
  const manifests = await readEntry<Record<string, Manifest>>(table, new URL('/manifests', scope).href);
  const version = latest?.latest;
  const manifest = version ? manifests?.[version] : undefined;
  if (!version || !manifest) return null;
  let stored = 0;
  let total = 0;
  for (const group of manifest.assetGroups ?? []) {
    total += group.urls.length;
    const name = `${prefix}:${version}:assets:${group.name}:cache`;
    if (!(await storage.has(name))) continue;
    const cache = await storage.open(name);
    const found = await Promise.all(
      group.urls.map((url) => cache.match(new URL(url, scope).href, group.cacheQueryOptions)),
    );
    stored += found.filter((response) => response !== undefined).length;
  }
  return { version, stored, total };
}

async function readEntry<T>(cache: Cache, url: string): Promise<T | undefined> {
  const response = await cache.match(url);
  if (!response) return undefined;
  try {
    return (await response.json()) as T;
  } catch {
    return undefined;
  }
}
