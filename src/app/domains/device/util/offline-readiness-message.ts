/** What the device knows about starting Fieldbook with no connection. */
export interface OfflineReadiness {
  /** A service worker keeps the app on this device (a production build in a browser that has one). */
  readonly supported: boolean;
  /** Every file of the version the worker would start offline is in its cache. */
  readonly ready: boolean;
  readonly online: boolean;
}

export const READY_TEXT = 'Ready to work offline';
export const GETTING_READY_TEXT = 'Getting ready for offline use…';
export const NOT_READY_OFFLINE_TEXT = 'Not ready for offline yet: reconnect for a moment';

/** The status line for offline use; null when this browser or build cannot keep the app at all. */
export function offlineReadinessMessage({ supported, ready, online }: OfflineReadiness): string | null {
  if (!supported) return null;
  if (ready) return READY_TEXT;
  return online ? GETTING_READY_TEXT : NOT_READY_OFFLINE_TEXT;
}
