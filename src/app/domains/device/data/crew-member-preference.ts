import { Injectable } from '@angular/core';

import { crewMemberName, saveCrewMemberName } from '../../shared/data/device-identity';

export { CREW_MEMBER_KEY } from '../../shared/data/device-identity';

/**
 * Who is using this device, for "Mine", note authors and history. A device preference, not domain
 * data, so it lives in localStorage rather than DataStore and never syncs.
 */
@Injectable({ providedIn: 'root' })
export class CrewMemberPreference {
  read(): string {
    return crewMemberName();
  }

  write(name: string): void {
    saveCrewMemberName(name);
  }
}
