/** localStorage: shared by every tab of the browser profile, written at once. */
export const WRITE_JOURNAL_KEY = 'fieldbook.completedWrites';
/** Enough for every request a tab could still be waiting on; older entries are dropped. */
const JOURNAL_SIZE = 200;

type Entries = Record<string, { readonly value: unknown }>;

/**
 * The write requests this device has carried out, with their answers. A leader records a request
 * the moment it has run, before answering; if it closes before the answer gets out, the next
 * leader finds the request here and answers it instead of running it again. Running it again
 * would not be harmless once sync has merged the first run with other devices' edits: setting the
 * user's values a second time would undo that merge.
 */
export class WriteJournal {
  constructor(private readonly storage: Storage | undefined = globalThis.localStorage) {}

  completed(requestId: string): { readonly value: unknown } | undefined {
    return this.read()[requestId];
  }

  record(requestId: string, value: unknown): void {
    const entries = Object.entries({ ...this.read(), [requestId]: { value } }).slice(-JOURNAL_SIZE);
    try {
      this.storage?.setItem(WRITE_JOURNAL_KEY, JSON.stringify(Object.fromEntries(entries)));
    } catch {
      // Out of space: the journal is a safeguard, the write itself is already stored.
    }
  }

  private read(): Entries {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(WRITE_JOURNAL_KEY) ?? '{}');
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Entries) : {};
    } catch {
      return {};
    }
  }
}
