/**
 * How a ledger sits in localStorage. Devices already hold each ledger in one of these shapes, so a
 * ledger keeps the shape it was first written in.
 */
export type LedgerShape = 'object' | 'entry-list';

/** A keyed record of this device's own bookkeeping, kept in localStorage across reloads and tabs. */
export interface LocalLedger<T> {
  /** Every entry, oldest first. Unreadable storage (edited by hand, another version) reads as empty. */
  read(): Map<string, T>;
  /**
   * Reads, lets `change` edit the entries, and stores them again, the oldest dropped beyond the cap.
   * Storage that is full keeps the previous entries: the ledger serves notices, never the data itself.
   */
  update<R>(change: (entries: Map<string, T>) => R): R;
  clear(): void;
}

export function localLedger<T>(key: string, shape: LedgerShape, maxEntries: number): LocalLedger<T> {
  const read = (): Map<string, T> => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      if (shape === 'entry-list') return new Map(Array.isArray(parsed) ? (parsed as [string, T][]) : []);
      const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
      return new Map(isObject ? (Object.entries(parsed) as [string, T][]) : []);
    } catch {
      return new Map();
    }
  };
  const write = (entries: Map<string, T>): void => {
    const kept = [...entries].slice(-maxEntries);
    try {
      localStorage.setItem(key, JSON.stringify(shape === 'entry-list' ? kept : Object.fromEntries(kept)));
    } catch {
      // Full storage: see `update`.
    }
  };
  return {
    read,
    update(change) {
      const entries = read();
      const result = change(entries);
      write(entries);
      return result;
    },
    clear: () => localStorage.removeItem(key),
  };
}
