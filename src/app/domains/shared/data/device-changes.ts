import { inject, Injectable } from '@angular/core';
import { DataStore } from '@aws-amplify/datastore';
import { filter, map, type Observable, Subject, type Subscription } from 'rxjs';

import { type RecordChange, TabChannel } from './tab-channel';

export interface DeletedRecord {
  readonly model: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * Every change to the device store, in every tab. Only the sync leader's DataStore sees writes
 * and incoming sync (a follower's DataStore runs without a sync engine and writes nothing), so the
 * leader publishes each change here and to the other tabs, where live lists re-read the record.
 */
@Injectable({ providedIn: 'root' })
export class DeviceChanges {
  private readonly channel = inject(TabChannel);
  private readonly changes = new Subject<RecordChange>();
  private readonly deletions = new Subject<DeletedRecord>();
  private readonly evictions = new Subject<DeletedRecord>();
  private outgoing: RecordChange[] = [];

  /**
   * How long changes gather before they cross to the other tabs. DataStore announces a sync page's
   * records one by one over many turns; a message per turn cost a first sync of 10,000 jobs 2.5 s
   * of BroadcastChannel posts (bench/). Other tabs see a change at most this much later.
   */
  static readonly BROADCAST_WINDOW_MS = 100;

  constructor() {
    this.channel.messages('changed').subscribe(({ changes }) => {
      for (const change of changes) this.changes.next(change);
    });
  }

  /** Changes to one model (or one record of it), shaped like DataStore.observe's messages. */
  of(model: string, id?: string): Observable<{ readonly element: { readonly id: string } }> {
    return this.changes.pipe(
      filter((change) => change.model === model && (id === undefined || change.id === id)),
      map((change) => ({ element: { id: change.id } })),
    );
  }

  /** Records deleted in this tab's store, with their last fields; only the leader's store sees them. */
  deletedHere(): Observable<DeletedRecord> {
    return this.deletions.asObservable();
  }

  /**
   * Records evicted from this tab's store, with their last fields: they left the device's scope
   * (ScopeEviction, in the leader). Never a deletion: nothing of them is removed anywhere else, so
   * their photos' objects stay and their children are no orphans.
   */
  evictedHere(): Observable<DeletedRecord> {
    return this.evictions.asObservable();
  }

  /** Publishes records the leader evicted, to its own lists and the other tabs', as `evicted` changes. */
  evicted(records: readonly DeletedRecord[]): void {
    for (const { model, fields } of records) {
      this.evictions.next({ model, fields });
      this.publish({ model, id: String(fields['id']), kind: 'evicted' });
    }
  }

  /**
   * Called where this tab's DataStore owns the store (the leader; a lone DataStore in tests): each
   * change reaches this tab at once and the other tabs in one message per window. One subscription
   * for every list, since DataStore re-reads each changed record once per observe() subscriber.
   */
  publishThisTabsStore(): Subscription {
    return DataStore.observe().subscribe(({ model, element, opType }) => {
      if (opType === 'DELETE') this.deletions.next({ model: model.name, fields: { ...element } });
      this.publish({ model: model.name, id: String(element['id']) });
    });
  }

  private publish(change: RecordChange): void {
    this.changes.next(change);
    this.outgoing.push(change);
    if (this.outgoing.length === 1) setTimeout(() => this.flush(), DeviceChanges.BROADCAST_WINDOW_MS);
  }

  private flush(): void {
    const changes = this.outgoing;
    this.outgoing = [];
    this.channel.post({ type: 'changed', changes });
  }
}
