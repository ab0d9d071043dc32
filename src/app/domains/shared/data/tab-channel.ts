import { Injectable, type OnDestroy } from '@angular/core';
import { filter, type Observable, Subject } from 'rxjs';

/** The channel every tab and installed window of one browser profile listens on. */
export const TAB_CHANNEL_NAME = 'fieldbook-device';

/** One record changed in the device store: enough for a live list to re-read it. */
export interface RecordChange {
  readonly model: string;
  readonly id: string;
}

/**
 * What the tabs of one browser profile tell each other about their one device store. The sync
 * leader (see SyncLeadership) runs the sync engine; the other tabs read the store directly and
 * send their writes to the leader.
 */
export type TabMessage =
  /** The leader's sync engine is running on a store of this models version. */
  | { readonly type: 'leader-ready'; readonly from: string; readonly modelsVersion: string }
  /** A tab that just started asks the leader to announce itself and its sync status. */
  | { readonly type: 'who-leads'; readonly from: string }
  | {
      readonly type: 'write';
      readonly from: string;
      readonly requestId: string;
      readonly command: string;
      readonly args: unknown;
    }
  | {
      readonly type: 'write-result';
      readonly to: string;
      readonly requestId: string;
      readonly value?: unknown;
      readonly error?: { readonly name: string; readonly message: string };
    }
  | { readonly type: 'changed'; readonly changes: readonly RecordChange[] }
  | { readonly type: 'sync-status'; readonly status: unknown }
  /** A tab started with other data models: tabs on any other version must let go of the store. */
  | { readonly type: 'models-changed'; readonly from: string; readonly modelsVersion: string }
  /** Every tab reloads (after the device's data was cleared). */
  | { readonly type: 'reload'; readonly from: string }
  /** Without Web Locks: the sender is now the only active tab. */
  | { readonly type: 'takeover'; readonly from: string };

export type TabMessageOf<K extends TabMessage['type']> = Extract<TabMessage, { type: K }>;

/**
 * A BroadcastChannel between the tabs and windows of this browser profile. A message never comes
 * back to the tab that sent it. Where BroadcastChannel is missing, the tab hears nobody and so
 * acts alone (SyncLeadership then makes it the only active tab).
 */
@Injectable({ providedIn: 'root' })
export class TabChannel implements OnDestroy {
  /** Identifies this tab for the lifetime of the page. */
  readonly tabId = crypto.randomUUID();
  private readonly incoming = new Subject<TabMessage>();
  private readonly channel =
    typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(TAB_CHANNEL_NAME);
  private closed = false;

  constructor() {
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isTabMessage(event.data)) this.incoming.next(event.data);
    });
  }

  /** Sends to the other tabs; once this tab's channel is closed (the app torn down), sends nothing. */
  post(message: TabMessage): void {
    if (!this.closed) this.channel?.postMessage(message);
  }

  messages<K extends TabMessage['type']>(type: K): Observable<TabMessageOf<K>> {
    return this.incoming.pipe(filter((message): message is TabMessageOf<K> => message.type === type));
  }

  ngOnDestroy(): void {
    this.closed = true;
    this.channel?.close();
  }
}

function isTabMessage(data: unknown): data is TabMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}
