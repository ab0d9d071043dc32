import { Injectable, type OnDestroy } from '@angular/core';
import { filter, type Observable, Subject } from 'rxjs';

import type { TabMessage, TabMessageOf } from './tab-messages';

/** The channel every tab and installed window of one browser profile listens on. */
export const TAB_CHANNEL_NAME = 'fieldbook-device';

export type { RecordChange, TabMessage, TabMessageOf } from './tab-messages';

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
