import { inject, Injectable } from '@angular/core';
import { Hub } from 'aws-amplify/utils';

import { schema } from '../../../../models/schema';
import { DATASTORE_DB } from '../../shared/data/datastore-store';
import { DeviceChanges } from '../../shared/data/device-changes';
import { type SyncScope } from '../util/sync-scope';
import { deviceStorage } from './datastore-setup';
import { ScopeEviction, type ScopeMemory } from './scope-eviction';
import { type KeepRecord } from './scope-eviction-store';
import { crewScopedModels } from './scope-sync-expressions';

/** Where the device remembers the scope it last synced with (beside the store, per browser profile). */
const SCOPE_KEY = 'fieldbook.syncScope';

const localScopeMemory: ScopeMemory = {
  read() {
    try {
      const raw = JSON.parse(localStorage.getItem(SCOPE_KEY) ?? 'null') as ReturnType<ScopeMemory['read']>;
      const groups = raw?.scope.crewGroups;
      const valid = raw && (groups === null || (Array.isArray(groups) && groups.every((g) => typeof g === 'string')));
      return valid ? raw : null;
    } catch {
      return null;
    }
  },
  write(remembered) {
    localStorage.setItem(SCOPE_KEY, JSON.stringify(remembered));
  },
};

/**
 * The device's scope, in the sync leader: entered before each start of the sync engine, and
 * followed while it runs, so a record kept past its scope for a queued change goes once the change
 * is answered (the outbox entry leaves, or the answer is merged back in).
 */
@Injectable({ providedIn: 'root' })
export class DeviceScope {
  private readonly changes = inject(DeviceChanges);
  private readonly eviction = new ScopeEviction({
    database: DATASTORE_DB,
    models: crewScopedModels(schema),
    memory: localScopeMemory,
    evicted: (records) => this.changes.evicted(records),
    stillNeeded: async () => {
      const checks = await Promise.all(this.needs.map((need) => need()));
      return (model, record) => checks.some((needed) => needed(model, record));
    },
  });
  private readonly needs: (() => Promise<KeepRecord>)[] = [];
  private watching = false;

  /**
   * Another domain's records the device still needs outside its scope (photos waiting to upload):
   * held like a record with a queued change. Call `recheck` once one is no longer needed.
   */
  holdWhile(need: () => Promise<KeepRecord>): void {
    this.needs.push(need);
  }

  /** Evicts what was held and is no longer needed. */
  recheck(): void {
    void this.eviction.recheck().catch((error: unknown) => console.error(error));
  }

  /** While the sync engine is stopped: the next sync brings what `scope` adds, and what it leaves goes. */
  enter(scope: SyncScope): Promise<void> {
    this.watch();
    return this.eviction.enter(scope);
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const recheck = () => this.recheck();
    deviceStorage().onOutboxDeleted = recheck;
    // An answer is merged after its entry left the outbox: a record evicted in between came back.
    Hub.listen('datastore', ({ payload }) => {
      if (payload.event === 'outboxMutationProcessed') recheck();
    });
  }
}
