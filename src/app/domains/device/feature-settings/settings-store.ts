import { computed, effect, inject, untracked } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';

import { crewLabel, crewOfGroup, withCrews } from '../../crews/api';
import { modelHeading } from '../../shared/util/model-names';
import { DeviceScope, ReviewRepository, SyncStatusStore, SyncStorageReader } from '../../sync/api';
import { CrewMemberPreference } from '../data/crew-member-preference';
import { DeviceSettings, type StorageUse } from '../data/device-settings';
import { holdingsInWords, type RecordCounts } from '../util/holdings-in-words';
import { withSignOut } from './with-sign-out';

interface SettingsState {
  readonly crewMember: string;
  readonly storage: StorageUse | null;
  readonly persisted: boolean | null;
  readonly confirmingClear: boolean;
  readonly clearing: boolean;
  readonly notice: string | null;
  /** The crews' groups whose records the device keeps; null is every crew's. */
  readonly heldCrewGroups: readonly string[] | null;
  readonly recordCounts: RecordCounts | null;
}

const initialState: SettingsState = {
  crewMember: '',
  storage: null,
  persisted: null,
  confirmingClear: false,
  clearing: false,
  notice: null,
  heldCrewGroups: null,
  recordCounts: null,
};

const CLEAR_SLOW_MS = 5_000;

export const SettingsStore = signalStore(
  withState(initialState),
  withSignOut(),
  withCrews(),
  withProps(() => ({
    _device: inject(DeviceSettings),
    _crewMember: inject(CrewMemberPreference),
    _sync: inject(SyncStatusStore),
    _conflicts: inject(ReviewRepository),
    _scope: inject(DeviceScope),
    _storageReader: inject(SyncStorageReader),
  })),
  withComputed((store) => ({
    /** What the device holds: whose records, how many of each kind. */
    holdings: computed(() => {
      const counts = store.recordCounts();
      if (!counts) return null;
      const groups = store.heldCrewGroups();
      const names = groups?.map((group) => crewLabel(crewOfGroup(group), store.crewNames()));
      return holdingsInWords(names ?? null, counts);
    }),
    backend: computed(() => store._device.backendEndpoint()),
    /** Cleared offline, the device has nothing to work from until it syncs again. */
    offline: computed(() => !store._sync.online()),
    lastSyncedByModel: computed(() =>
      Object.entries(store._sync.lastSynced())
        .map(([model, at]) => ({ model, label: modelHeading(model), at }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    ),
    /** Clearing is only safe when every change is on the server and nothing waits for review. */
    clearBlockedBy: computed(() => {
      const pending = store._sync.pending();
      const conflicts = store._sync.toReviewCount();
      if (pending > 0) return `${pending} ${pending === 1 ? 'change has' : 'changes have'} not reached the server yet.`;
      if (conflicts > 0)
        return `${conflicts} ${conflicts === 1 ? 'change waits' : 'changes wait'} for review under Conflicts.`;
      return null;
    }),
  })),
  withMethods((store) => ({
    saveCrewMember(name: string): void {
      store._crewMember.write(name);
      patchState(store, { crewMember: store._crewMember.read(), notice: 'Crew member saved on this device.' });
    },
    async refreshStorage(): Promise<void> {
      const [storage, persisted] = await Promise.all([store._device.storageUse(), store._device.isPersisted()]);
      patchState(store, { storage, persisted });
    },
    async refreshHoldings(): Promise<void> {
      const counts = await store._storageReader.recordCounts(['Site', 'Job', 'FieldNote', 'Attachment']);
      patchState(store, {
        heldCrewGroups: store._scope.held().crewGroups,
        recordCounts: {
          sites: counts['Site'] ?? 0,
          jobs: counts['Job'] ?? 0,
          notes: counts['FieldNote'] ?? 0,
          photos: counts['Attachment'] ?? 0,
        },
      });
    },
    async persist(): Promise<void> {
      const persisted = await store._device.requestPersistence();
      patchState(store, {
        persisted,
        notice: persisted
          ? 'The browser will keep Fieldbook’s data even when the device runs low on space.'
          : 'The browser declined. Installing Fieldbook to the home screen usually allows it.',
      });
    },
    askToClear(): void {
      patchState(store, { confirmingClear: true, notice: null });
    },
    cancelClear(): void {
      patchState(store, { confirmingClear: false });
    },
    async clear(): Promise<void> {
      await store._sync.refresh();
      if (store.clearBlockedBy()) {
        patchState(store, { confirmingClear: false });
        return;
      }
      patchState(store, { clearing: true, notice: 'Clearing this device…' });
      // DataStore only clears once its sync engine has stopped, which waits for requests in flight.
      const slow = setTimeout(
        () =>
          patchState(store, { notice: 'Still clearing: waiting for the sync engine to stop. Keep this screen open.' }),
        CLEAR_SLOW_MS,
      );
      await store._device.clearDataStore();
      clearTimeout(slow);
      store._conflicts.clear();
      store._device.reload();
    },
  })),
  withHooks({
    onInit(store) {
      patchState(store, { crewMember: store._crewMember.read() });
      void store.refreshStorage();
      // Counted again after each sync: records arrive, and leave when the device's scope narrows.
      effect(() => {
        store._sync.lastSynced();
        store._sync.pending();
        untracked(() => void store.refreshHoldings());
      });
    },
  }),
);
