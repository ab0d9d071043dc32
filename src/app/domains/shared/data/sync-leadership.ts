import { inject, Injectable, type OnDestroy, signal } from '@angular/core';
import { BehaviorSubject, type Observable } from 'rxjs';

import { TabChannel } from './tab-channel';

/** Held by the one tab of this browser profile that runs DataStore's sync engine. */
export const SYNC_LEADER_LOCK = 'fieldbook-sync-engine';

/**
 * - `leader`: runs the sync engine, owns the outbox and performs every tab's writes;
 * - `follower`: reads the device store directly and sends its writes to the leader;
 * - `inactive`: has let go of the device store (see InactiveReason) until it is reloaded.
 */
export type TabRole = 'starting' | 'leader' | 'follower' | 'inactive';

/** Why a tab stopped using the device store. */
export type InactiveReason =
  /** Another tab started a version of the app whose data models differ. */
  | 'models-changed'
  /** No Web Locks here, and the user is using Fieldbook in another tab. */
  | 'elsewhere'
  /** The device store was deleted or upgraded by another tab. */
  | 'store-closed';

/**
 * Elects the one sync engine of this browser profile. Tabs and the installed window share one
 * IndexedDB, and DataStore keeps its outbox's in-flight state in the memory of the tab running it,
 * so two engines over one outbox send, drop and merge each other's entries. The Web Locks API
 * gives the lock to one tab at a time and hands it to the next waiting tab when the holder closes,
 * crashes, reloads or is discarded. Where Web Locks is missing, the tab that started last is the
 * only active one and the others offer to take over.
 */
@Injectable({ providedIn: 'root' })
export class SyncLeadership implements OnDestroy {
  private readonly channel = inject(TabChannel);
  private readonly roles = new BehaviorSubject<TabRole>('starting');
  private readonly waiting = new AbortController();
  private release: (() => void) | undefined;

  readonly role = signal<TabRole>('starting');
  readonly inactiveReason = signal<InactiveReason | null>(null);

  /** The current role, then every change. */
  roleChanges(): Observable<TabRole> {
    return this.roles.asObservable();
  }

  isLeader(): boolean {
    return this.roles.value === 'leader';
  }

  /**
   * Takes the lead if no tab holds it, or else becomes a follower that takes over once the lock
   * comes free. Resolves with the first role.
   */
  claim(): Promise<TabRole> {
    const locks = globalThis.navigator?.locks;
    if (!locks) return Promise.resolve(this.claimWithoutLocks());
    return new Promise<TabRole>((resolve) => {
      locks
        .request(SYNC_LEADER_LOCK, { ifAvailable: true }, (lock) => {
          if (lock) return this.lead(resolve);
          this.setRole('follower');
          resolve('follower');
          this.waitForLead();
          return undefined;
        })
        .catch(() => undefined);
    });
  }

  /** Lets go of the device store for good (until reload); a leader hands the lock on. */
  stepDown(reason: InactiveReason): void {
    if (this.roles.value === 'inactive') return;
    this.inactiveReason.set(reason);
    this.setRole('inactive');
    this.waiting.abort();
    this.release?.();
  }

  ngOnDestroy(): void {
    this.waiting.abort();
    this.release?.();
  }

  private waitForLead(): void {
    navigator.locks
      .request(SYNC_LEADER_LOCK, { signal: this.waiting.signal }, () => this.lead(() => undefined))
      .catch(() => undefined);
  }

  /** Holds the lock until this tab steps down or goes away. */
  private lead(announce: (role: TabRole) => void): Promise<void> {
    if (this.roles.value === 'inactive') return Promise.resolve();
    const held = new Promise<void>((resolve) => (this.release = resolve));
    this.setRole('leader');
    announce('leader');
    return held;
  }

  private claimWithoutLocks(): TabRole {
    this.channel.messages('takeover').subscribe(() => this.stepDown('elsewhere'));
    this.channel.post({ type: 'takeover', from: this.channel.tabId });
    this.setRole('leader');
    return 'leader';
  }

  private setRole(role: TabRole): void {
    this.role.set(role);
    this.roles.next(role);
  }
}
