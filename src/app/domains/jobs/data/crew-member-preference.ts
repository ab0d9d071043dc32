import { Injectable } from '@angular/core';

export { CREW_MEMBER_KEY } from '../../shared/data/device-identity';
import { CREW_MEMBER_KEY } from '../../shared/data/device-identity';

/**
 * Who is using this device, for the "Mine" view. A device preference, not domain data, so it
 * lives in localStorage rather than DataStore and never syncs.
 */
@Injectable({ providedIn: 'root' })
export class CrewMemberPreference {
  read(): string {
    try {
      return globalThis.localStorage?.getItem(CREW_MEMBER_KEY) ?? '';
    } catch {
      return ''; // storage blocked (private mode, policy): the app still works, "Mine" just stays empty
    }
  }

  write(name: string): void {
    const trimmed = name.trim();
    if (trimmed) globalThis.localStorage.setItem(CREW_MEMBER_KEY, trimmed);
    else globalThis.localStorage.removeItem(CREW_MEMBER_KEY);
  }
}
