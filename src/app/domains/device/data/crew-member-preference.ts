import { Injectable } from '@angular/core';

import { crewMemberName, isNameFromAccount, saveCrewMemberName } from '../../shared/data/device-identity';

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

  /** The name is the signed-in person's: nobody is asked to type or change it. */
  fromAccount(): boolean {
    return isNameFromAccount();
  }

  write(name: string): void {
    saveCrewMemberName(name);
  }
}
