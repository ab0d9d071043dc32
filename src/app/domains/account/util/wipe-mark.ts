/**
 * The user pool attribute the office sets for a lost or stolen phone (`npm run users -- wipe-devices`,
 * or admin-update-user-attributes on AWS): when, in seconds since the epoch, the person's devices
 * were to be erased.
 */
export const WIPE_MARK_ATTRIBUTE = 'custom:wipe_requested_at';

/**
 * Whether the office's wipe mark is meant for a device signed in at `signedInAt` (the tokens'
 * `auth_time`, which a refresh keeps): marked at or after that sign-in. The person's new phone,
 * signed in after the mark, is left alone. A sign-in of unknown time is taken as older: the mark
 * is there to keep the crew's data from whoever holds the phone.
 */
export function wipeMarkApplies(mark: string | undefined, signedInAt: unknown): boolean {
  if (mark === undefined || mark.trim() === '') return false;
  const markedAt = Number(mark);
  if (!Number.isFinite(markedAt) || markedAt <= 0) return false;
  return typeof signedInAt !== 'number' || markedAt >= signedInAt;
}

/** What the sign-in page says after this device erased its data, kept until the next sign-in. */
export interface WipeNotice {
  /** Whose devices the office asked to erase. */
  readonly name: string;
  /** When this device erased its data (milliseconds since the epoch). */
  readonly erasedAt: number;
}

/** Reads a kept notice back; anything else (edited storage, an older shape) is no notice. */
export function parseWipeNotice(raw: string | null): WipeNotice | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<WipeNotice>;
    if (typeof value.erasedAt !== 'number') return null;
    return { name: typeof value.name === 'string' ? value.name : '', erasedAt: value.erasedAt };
  } catch {
    return null;
  }
}
