/** What went wrong, in words a technician in the field can act on. */
export function errorMessage(error: unknown): string {
  if (isStorageFull(error)) {
    return 'this device is out of storage space. Everything saved before is still here. Free up some space on the device (old photos, videos or apps), then try again.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** "<what failed>: <why>", for error lines in stores. */
export function failure(what: string, error: unknown): string {
  return `${what}: ${errorMessage(error)}`;
}

/** IndexedDB refuses a write with a QuotaExceededError once the browser's storage quota is used up. */
export function isStorageFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'QuotaExceededError' || (typeof message === 'string' && /quota/i.test(message));
}
