import { inject, Injectable } from '@angular/core';
import { Hub } from 'aws-amplify/utils';

import { schema } from '../../../../models/schema';
import { crewGroupOf } from '../../crews/api';
import { DATASTORE_DB, openDataStoreDatabase } from '../../shared/data/datastore-store';
import { DeviceChanges } from '../../shared/data/device-changes';
import { madeHere } from '../../shared/data/made-here';
import { inScope, type SyncScope, WHOLE_SCOPE } from '../util/sync-scope';
import { deviceStorage, MAX_RECORDS_TO_SYNC } from './datastore-setup';
import { GhostSweep, type ModelSync } from './ghost-sweep';
import { PendingHandovers } from './pending-handovers';
import { HANDOVER_MODEL, ScopeEviction, type ScopeMemory } from './scope-eviction';
import { type KeepRecord } from './scope-eviction-store';
import { crewScopedModels } from './scope-sync-expressions';
import { moveStrays } from './stray-rescope';

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
 * is answered (the outbox entry leaves, or the answer is merged back in). After each full sync, the
 * records it did not bring leave too (GhostSweep).
 */
const CREW_SCOPED = crewScopedModels(schema);

@Injectable({ providedIn: 'root' })
export class DeviceScope {
  private readonly changes = inject(DeviceChanges);
  private current: SyncScope = WHOLE_SCOPE;
  private readonly eviction = new ScopeEviction({
    groupOf: crewGroupOf,
    database: DATASTORE_DB,
    models: CREW_SCOPED,
    memory: localScopeMemory,
    evicted: (records) => this.changes.evicted(records),
    stillNeeded: async () => {
      const checks = await Promise.all(this.needs.map((need) => need()));
      return (model, record) => checks.some((needed) => needed(model, record));
    },
    rescope: (strays) => moveStrays(strays),
    madeHere,
  });
  private readonly needs: (() => Promise<KeepRecord>)[] = [];
  private readonly ghosts = new GhostSweep({
    maxRecords: MAX_RECORDS_TO_SYNC,
    open: () => openDataStoreDatabase(),
    inScope: (model, record) => !CREW_SCOPED.includes(model) || inScope(this.current, record['crewGroup']),
    swept: (records) => this.changes.evicted(records),
  });
  private readonly handovers = new PendingHandovers();
  private watching = false;

  /** The scope the device's records were last synced and kept in, by any tab; whole until one is entered. */
  held(): SyncScope {
    return localScopeMemory.read()?.scope ?? WHOLE_SCOPE;
  }

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

  /** Lets go of the records handovers name (a site or job moved to another crew). */
  private evictHandedOver(): void {
    void this.eviction.evictHandedOver().catch((error: unknown) => console.error(error));
  }

  /** While the sync engine is stopped: the next sync brings what `scope` adds, and what it leaves goes. */
  enter(scope: SyncScope): Promise<void> {
    this.watch();
    this.current = scope;
    return this.eviction.enter(scope);
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const recheck = () => this.recheck();
    const storage = deviceStorage();
    storage.onOutboxDeleted = recheck;
    storage.onSyncPage = (model, ids, intoEmptyStore) => this.ghosts.saw(model, ids, intoEmptyStore);
    storage.onWrite = (model, id) => {
      this.ghosts.wrote(model, id);
      // A handover from a subscription: its write is under way, and the eviction reads after it.
      if (model === HANDOVER_MODEL) this.evictHandedOver();
    };
    const logged = (work: Promise<void>) => void work.catch((error: unknown) => console.error(error));
    Hub.listen('datastore', ({ payload }) => {
      const answer = payload.data as { model?: { name?: string }; element?: Record<string, unknown> } | undefined;
      // An answer is merged after its entry left the outbox: a record evicted in between came back.
      if (payload.event === 'outboxMutationProcessed') recheck();
      // A move's answer says whether, and at which version, the record left its crew.
      if (payload.event === 'outboxMutationProcessed' && answer?.model?.name && answer.element)
        logged(this.handovers.answered(answer.model.name, answer.element));
      if (payload.event === 'ready') logged(this.handovers.settle());
      if (payload.event === 'syncQueriesStarted') this.ghosts.begin();
      const synced = payload.data as ({ model?: { name?: string } } & ModelSync) | undefined;
      if (payload.event === 'modelSynced' && synced?.model?.name === HANDOVER_MODEL) this.evictHandedOver();
      if (payload.event === 'modelSynced' && synced?.model?.name) {
        void this.ghosts.synced(synced.model.name, synced).catch((error: unknown) => console.error(error));
      }
    });
  }
}
