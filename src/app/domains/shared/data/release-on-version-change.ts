/**
 * Makes every IndexedDB connection this page opens close itself when another tab deletes or
 * upgrades that database, and reports it. DataStore never closes its connection on its own, so
 * "Clear local data" or an update whose models changed in one tab would wait forever on the
 * connection of another. The page that let go cannot use the store any more and must reload.
 */
export function releaseConnectionsOnVersionChange(onReleased: (database: string) => void): void {
  const factory = globalThis.IDBFactory?.prototype as (IDBFactory & { fieldbookReleases?: boolean }) | undefined;
  if (!factory || factory.fieldbookReleases) return;
  factory.fieldbookReleases = true;
  const open = factory.open;
  factory.open = function (this: IDBFactory, name: string, version?: number): IDBOpenDBRequest {
    const request = open.call(this, name, version);
    request.addEventListener('success', () => {
      const database = request.result;
      database.addEventListener('versionchange', () => {
        database.close();
        onReleased(database.name);
      });
    });
    return request;
  };
}
