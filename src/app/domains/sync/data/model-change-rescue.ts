import { inject, Injectable, InjectionToken } from '@angular/core';
import { exhaustMap, filter, type Subscription } from 'rxjs';

import { schema } from '../../../../models/schema';
import { userChanges } from '../util/outbox-entry';
import { isRescued, outboxEntryToChange } from '../util/outbox-entry-change';
import { MutationResender } from './mutation-resender';
import { settleResend } from './resend-outcome';
import { ReviewRepository } from './review-repository';
import { SyncEventsSource } from './sync-events-source';
import { SyncStorageReader } from './sync-storage-reader';

/**
 * Whether a change may be sent now as the person it belongs to. Without accounts, always; on a
 * user-pool project only while someone is signed in (the account domain provides it), so changes
 * queued before accounts existed land under the signed-in user and are never sent without one.
 */
export const SIGNED_IN_TO_SEND = new InjectionToken<() => boolean>('changes may be sent as a signed-in user', {
  providedIn: 'root',
  factory: () => () => true,
});

/**
 * When an app update changes the data models, DataStore wipes the device's database on start,
 * outbox included. Before it starts, any change still queued is copied to the review list (kept
 * in localStorage), and once DataStore is ready and online those changes are sent again, so an
 * update applied with changes pending loses none of them.
 */
@Injectable({ providedIn: 'root' })
export class ModelChangeRescue {
  private readonly reader = inject(SyncStorageReader);
  private readonly conflicts = inject(ReviewRepository);
  private readonly resender = inject(MutationResender);
  private readonly events = inject(SyncEventsSource);
  private readonly signedIn = inject(SIGNED_IN_TO_SEND);

  /** Call before DataStore starts; resolves to how many queued changes were kept aside. */
  async keepQueuedChangesIfModelsChanged(currentVersion: string = schema.version): Promise<number> {
    const stored = await this.reader.storedModelsVersion();
    if (stored === null || stored === currentVersion) return 0;
    // History entries are not the user's changes to review; the changes they describe are kept.
    const entries = userChanges(await this.reader.outboxEntries());
    const now = Date.now();
    for (const entry of entries) this.conflicts.record(outboxEntryToChange(entry, now));
    return entries.length;
  }

  /**
   * Each time DataStore reports it is ready (online, synced), sends the kept changes oldest first,
   * stopping at the first that does not go through so a later change never overtakes it. Signed
   * out, they wait: a sign-in restarts the sync engine, whose next `ready` sends them.
   */
  sendKeptChangesWhenReady(): Subscription {
    return this.events
      .events()
      .pipe(
        filter((event) => event.type === 'ready' && this.signedIn()),
        exhaustMap(() => this.sendKeptChanges()),
      )
      .subscribe();
  }

  private async sendKeptChanges(): Promise<void> {
    const kept = this.conflicts
      .all()
      .filter(isRescued)
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    for (const change of kept) {
      try {
        settleResend(this.conflicts, change, await this.resender.resend(change));
      } catch {
        return;
      }
    }
  }
}
