import { inject, Injectable } from '@angular/core';

import { clearDeletedWith } from '../../shared/data/deleted-with';
import { DeviceWrites } from '../../shared/data/device-writes';
import { clearSentEdits } from '../../shared/data/sent-edits';
import { TabChannel } from '../../shared/data/tab-channel';
import { clearLocalData, RELOAD_TAB, SyncEngineHost } from '../../sync/api';

export interface StorageUse {
  readonly usage: number;
  readonly quota: number;
}

/** Device-level facts: browser storage and its persistence, clearing the local data, the backend in use. */
@Injectable({ providedIn: 'root' })
export class DeviceSettings {
  private readonly writes = inject(DeviceWrites);
  private readonly channel = inject(TabChannel);
  private readonly host = inject(SyncEngineHost);
  private readonly reloadTab = inject(RELOAD_TAB);

  constructor() {
    // The leader clears (its DataStore owns the store); every other tab then reloads onto the empty store.
    this.writes.register('device.clear', async () => {
      await clearLocalData();
      clearSentEdits();
      clearDeletedWith();
      this.channel.post({ type: 'reload', from: this.channel.tabId });
      // After the answer has gone out to the tab that asked.
      setTimeout(() => this.reloadTab(), 0);
    });
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

  /** Removes every DataStore record and the outbox from this device, in every tab. */
  async clearDataStore(): Promise<void> {
    await this.writes.run('device.clear', {});
  }

  /** A fresh start after clearing, so no screen keeps showing removed records. */
  reload(): void {
    this.reloadTab();
  }

  backendEndpoint(): string | null {
    return this.host.backendEndpoint();
  }
}
