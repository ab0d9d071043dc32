const OFFSET_KEY = 'fieldbook.serverClockOffset';
/** A measurement older than this no longer bounds the offset: clocks drift and get corrected. */
const MEASUREMENT_LIFETIME_MS = 60 * 60_000;

interface StoredOffset {
  readonly offsetMs: number;
  readonly measuredAt: number;
}

/**
 * "Now" by the server's clock, as well as this device can tell: edit times decide which of two
 * edits of a field is later, and a phone's clock may be minutes or hours off.
 */
export function serverNow(deviceNow = Date.now()): Date {
  return new Date(deviceNow + (readOffset(deviceNow)?.offsetMs ?? 0));
}

/**
 * Learns from a server time (epoch ms) seen in a response that has just arrived. The server
 * wrote it before answering, so server-now minus device-now is at least this much: the largest
 * recent lower bound is the best estimate.
 */
export function learnServerTime(serverMs: number, deviceNow = Date.now()): void {
  if (!Number.isFinite(serverMs)) return;
  const sample = serverMs - deviceNow;
  const current = readOffset(deviceNow);
  // A smaller sample does not renew the larger one: that ages out and the next sample replaces it.
  if (current && current.offsetMs > sample) return;
  try {
    localStorage.setItem(
      OFFSET_KEY,
      JSON.stringify({ offsetMs: sample, measuredAt: deviceNow } satisfies StoredOffset),
    );
  } catch {
    // Storage full: edit times stay uncorrected, which the server's cap keeps harmless.
  }
}

function readOffset(deviceNow: number): StoredOffset | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(OFFSET_KEY) ?? 'null') as Partial<StoredOffset> | null;
    if (typeof parsed?.offsetMs !== 'number' || typeof parsed.measuredAt !== 'number') return null;
    return Math.abs(deviceNow - parsed.measuredAt) < MEASUREMENT_LIFETIME_MS ? (parsed as StoredOffset) : null;
  } catch {
    return null;
  }
}
