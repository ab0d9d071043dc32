/** Functions evaluated inside the page (they must not close over anything in Node). */

/** Rows in DataStore's IndexedDB store for a model (`<namespace>_<Model>` in database amplify-datastore). */
export async function countDataStoreRows(model: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('amplify-datastore');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const store = Array.from({ length: db.objectStoreNames.length }, (_, i) => db.objectStoreNames.item(i) ?? '').find(
      (name) => name.endsWith(`_${model}`),
    );
    if (!store) return -1;
    return await new Promise<number>((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/**
 * The floor: the same records written straight into IndexedDB, one readwrite transaction per
 * 1,000 records (DataStore's page size), into stores keyed by id with the belongsTo index DataStore
 * also keeps. Returns ms from the first put to the last commit.
 */
export async function writeFloor(input: {
  sites: Record<string, unknown>[];
  jobs: Record<string, unknown>[];
}): Promise<number> {
  const name = `bench-floor-${Date.now()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('Site', { keyPath: 'id' });
      request.result.createObjectStore('Job', { keyPath: 'id' }).createIndex('bySite', 'siteID');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const started = performance.now();
  for (const [storeName, records] of [
    ['Site', input.sites],
    ['Job', input.jobs],
  ] as const) {
    for (let i = 0; i < records.length; i += 1000) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(storeName, 'readwrite');
        const store = tx.objectStore(storeName);
        for (const record of records.slice(i, i + 1000)) store.put(record);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
  }
  const ms = performance.now() - started;
  db.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = resolve;
  });
  return ms;
}

/** Records (performance.now()) when the first job card appears; set up before the app's scripts run. */
export function watchFirstJobCard(): void {
  const w = window as unknown as { firstJobCardAt?: number };
  const observer = new MutationObserver(() => {
    if (w.firstJobCardAt === undefined && document.querySelector('.job-card')) {
      w.firstJobCardAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * One action on the jobs list (`/jobs`), timed from the input event or click to the moment the list's
 * "N of M jobs" line changes (Angular has re-filtered, re-sorted and rendered). ms, or -1 if the line
 * did not change within 60 s.
 */
export function timeListChange(action: { search?: string; statusChip?: string }): Promise<number> {
  const line = document.querySelector('.list-count');
  const before = line?.textContent ?? '';
  return new Promise((resolve) => {
    let started = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(-1);
    }, 60_000);
    const observer = new MutationObserver(() => {
      if ((document.querySelector('.list-count')?.textContent ?? '') === before) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    started = performance.now();
    if (action.search !== undefined) {
      const input = document.querySelector<HTMLInputElement>('input[type=search]');
      if (!input) throw new Error('no search box');
      input.value = action.search;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const chip = Array.from(document.querySelectorAll<HTMLButtonElement>('[aria-label="Status"] button')).find((b) =>
        (b.textContent ?? '').trim().startsWith(action.statusChip ?? ''),
      );
      if (!chip) throw new Error(`no status chip ${action.statusChip}`);
      chip.click();
    }
  });
}
