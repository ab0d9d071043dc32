import { log } from '../log.ts';

export interface ThrottleSettings {
  /** Failed passwords in a row before a user's sign-in locks (Cognito: five). */
  userFailuresBeforeLock: number;
  /** The first lock; each further failure doubles it, up to `maxLockMs` (Cognito: 1 s to about 15 min). */
  firstLockMs: number;
  maxLockMs: number;
  /** Failed passwords from one address within `addressWindowMs` before it is refused altogether. */
  addressFailuresPerWindow: number;
  addressWindowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  userFailuresBeforeLock: 5,
  firstLockMs: 1000,
  maxLockMs: 15 * 60 * 1000,
  addressFailuresPerWindow: 50,
  addressWindowMs: 15 * 60 * 1000,
};

export type ThrottleVerdict = 'allowed' | 'user-locked' | 'address-limited';

/** Entries kept per kind; beyond it the oldest is forgotten, so a flood of names cannot fill memory. */
const MAX_ENTRIES = 10_000;

interface UserEntry {
  failures: number;
  lockedUntil: number;
}
interface AddressEntry {
  windowStart: number;
  failures: number;
}

function remember<T>(map: Map<string, T>, key: string, entry: T): T {
  map.delete(key);
  map.set(key, entry);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
  return entry;
}

/**
 * Failed sign-ins slow down, then lock, per username (known or not, so a lock says nothing about
 * whether a user exists) and per address, in memory as Cognito's own lock is temporary. A lock is
 * logged with the username and address only.
 */
export class SignInThrottle {
  private readonly users = new Map<string, UserEntry>();
  private readonly addresses = new Map<string, AddressEntry>();

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number,
  ) {}

  check(username: string, address: string): ThrottleVerdict {
    const now = this.now();
    const byAddress = this.addresses.get(address);
    if (
      byAddress &&
      byAddress.windowStart + this.settings.addressWindowMs > now &&
      byAddress.failures >= this.settings.addressFailuresPerWindow
    )
      return 'address-limited';
    return (this.users.get(username)?.lockedUntil ?? 0) > now ? 'user-locked' : 'allowed';
  }

  failed(username: string, address: string): void {
    const now = this.now();
    const user = remember(this.users, username, this.users.get(username) ?? { failures: 0, lockedUntil: 0 });
    user.failures++;
    const beyond = user.failures - this.settings.userFailuresBeforeLock;
    if (beyond >= 0) {
      const lockMs = Math.min(this.settings.firstLockMs * 2 ** beyond, this.settings.maxLockMs);
      user.lockedUntil = now + lockMs;
      log('warn', 'sign-in locked for a user after failed passwords', {
        username,
        address,
        failures: user.failures,
        lockedSeconds: Math.ceil(lockMs / 1000),
      });
    }
    let byAddress = this.addresses.get(address);
    if (!byAddress || byAddress.windowStart + this.settings.addressWindowMs <= now)
      byAddress = { windowStart: now, failures: 0 };
    remember(this.addresses, address, byAddress).failures++;
    if (byAddress.failures === this.settings.addressFailuresPerWindow)
      log('warn', 'sign-in refused for an address after failed passwords', {
        address,
        failures: byAddress.failures,
        windowSeconds: Math.ceil(this.settings.addressWindowMs / 1000),
      });
  }

  succeeded(username: string): void {
    this.users.delete(username);
  }
}
