import { Injectable } from '@angular/core';
import { Amplify } from 'aws-amplify';

import { clearLocalData } from './datastore-setup';

/** The same key the jobs domain reads for its "Mine" view. */
export const CREW_MEMBER_KEY = 'fieldbook.crewMember';

export interface StorageUse {
  readonly usage: number;
  readonly quota: number;
}

/** Device-level facts and preferences: browser storage, the crew member using it, the backend in use. */
@Injectable({ providedIn: 'root' })
export class DeviceSettings {
  crewMember(): string {
    try {
      return localStorage.getItem(CREW_MEMBER_KEY) ?? '';
    } catch {
      return '';
    }
  }

  setCrewMember(name: string): void {
    const trimmed = name.trim();
    if (trimmed) localStorage.setItem(CREW_MEMBER_KEY, trimmed);
    else localStorage.removeItem(CREW_MEMBER_KEY);
  }

  async storageUse(): Promise<StorageUse | null> {
    if (!navigator.storage?.estimate) return null;
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return { usage, quota };
  }

  /** null when the browser cannot tell. */
  async isPersisted(): Promise<boolean | null> {
    return navigator.storage?.persisted ? navigator.storage.persisted() : null;
  }

  /** Asks the browser not to evict this app's data under storage pressure. */
  async requestPersistence(): Promise<boolean> {
    return navigator.storage?.persist ? navigator.storage.persist() : false;
  }

  /** Removes every DataStore record and the outbox from this device. */
  clearDataStore(): Promise<void> {
    return clearLocalData();
  }

  /** A fresh start after clearing, so no screen keeps showing removed records. */
  reload(): void {
    location.reload();
  }

  backendEndpoint(): string | null {
    return Amplify.getConfig().API?.GraphQL?.endpoint ?? null;
  }
}
