import { inject, Injectable, InjectionToken, signal } from '@angular/core';
import { filter, firstValueFrom, map, merge, type Subscription } from 'rxjs';

import { schema } from '../../../../models/schema';
import { DeviceChanges } from '../../shared/data/device-changes';
import { DeviceWrites } from '../../shared/data/device-writes';
import { releaseConnectionsOnVersionChange } from '../../shared/data/release-on-version-change';
import { SyncLeadership } from '../../shared/data/sync-leadership';
import { TabChannel } from '../../shared/data/tab-channel';
import { sameScope, type SyncScope, WHOLE_SCOPE } from '../util/sync-scope';
import { configureDataStore, startDataStore, stopDataStore } from './datastore-setup';
import { DeviceScope } from './device-scope';
import { ModelChangeRescue } from './model-change-rescue';
import { OrphanedChildren } from './orphaned-children';
import { ReplacedEditCheck } from './replaced-edit-check';
import { SyncHandlers } from './sync-handlers';
import { SyncStorageReader } from './sync-storage-reader';

/** Reloads the page; a seam so specs can observe it. */
export const RELOAD_TAB = new InjectionToken<() => void>('reload this tab', {
  providedIn: 'root',
  factory: () => () => globalThis.location.reload(),
});

/** How often a follower waiting for the leader asks again (the leader may be starting up). */
const ASK_LEADER_EVERY_MS = 1_000;

/**
 * Runs DataStore in this tab in the role SyncLeadership gives it:
 * - the leader configures Amplify's API, so DataStore starts its sync engine; it publishes every
 *   change to the other tabs and performs their writes (DeviceWrites);
 * - a follower starts DataStore without an API: a plain reader of the shared IndexedDB store that
 *   never touches the outbox. When the leader goes away, the next follower in line stops its
 *   reader and starts the sync engine.
 * A tab whose data models differ from the store's must not open it before it leads (DataStore
 * would wipe the store under the leader's feet): it asks tabs on other versions to let go first.
 */
@Injectable({ providedIn: 'root' })
export class SyncEngineHost {
  private readonly leadership = inject(SyncLeadership);
  private readonly channel = inject(TabChannel);
  private readonly writes = inject(DeviceWrites);
  private readonly changes = inject(DeviceChanges);
  private readonly rescue = inject(ModelChangeRescue);
  private readonly handlers = inject(SyncHandlers);
  private readonly replacedEdits = inject(ReplacedEditCheck);
  private readonly orphanedChildren = inject(OrphanedChildren);
  private readonly reader = inject(SyncStorageReader);
  private readonly reload = inject(RELOAD_TAB);
  private readonly scope = inject(DeviceScope);
  private running = false;
  private published: Subscription | undefined;
  private connect: () => Promise<SyncScope> = () => Promise.resolve(WHOLE_SCOPE);
  /** The scope the running sync engine was started on. */
  private startedOn: SyncScope = WHOLE_SCOPE;

  /** The GraphQL endpoint this device syncs with, once known. */
  readonly backendEndpoint = signal<string | null>(null);

  /**
   * Resolves once this tab may read the device store. `connect` points Amplify's API at the backend
   * and says what the device is to hold; only the leader calls it, at the start and at each restart.
   */
  async start(connect: () => Promise<SyncScope>, endpoint: string): Promise<void> {
    this.connect = connect;
    this.backendEndpoint.set(endpoint);
    // A restart runs as a device write: it waits for the writes before it, and those after it wait for it.
    this.writes.register('sync.restart', () => this.restartHere());
    this.writes.register('sync.stop', () => this.stopHere());
    this.writes.hold();
    releaseConnectionsOnVersionChange(() => {
      if (this.leadership.role() === 'follower') this.leadership.stepDown('store-closed');
    });
    this.listen();
    const stored = await this.reader.storedModelsVersion();
    const modelsChanged = stored !== null && stored !== schema.version;
    if (modelsChanged) this.announceModelsChange();
    const role = await this.leadership.claim();
    this.leadership.roleChanges().subscribe((next) => {
      if (next === 'inactive') this.writes.stop();
      if (next === 'leader' && role !== 'leader') void this.lead(true);
    });
    if (role === 'leader') return this.lead(false);
    if (modelsChanged) await this.leaderOnMyModels();
    if (this.leadership.role() === 'follower') {
      configureDataStore();
      this.writes.forwardToLeader();
      // The leader answers with itself and its sync status, so this tab shows it from the start.
      this.channel.post({ type: 'who-leads', from: this.channel.tabId });
    }
  }

  private listen(): void {
    this.channel.messages('models-changed').subscribe(({ modelsVersion }) => {
      if (modelsVersion !== schema.version) void this.letGo();
    });
    this.channel.messages('reload').subscribe(() => this.reload());
    this.channel.messages('who-leads').subscribe(() => {
      if (this.running) this.announce();
    });
  }

  /**
   * Stops the sync engine and starts it again on what `connect` says now (someone signed in or
   * out): whichever tab asks, the leader does it, between two device writes.
   */
  restartSync(): Promise<void> {
    return this.writes.run('sync.restart', null);
  }

  /**
   * The person's crews changed (their tokens were renewed with other groups): the leader starts its
   * sync engine again on the new scope. Any tab may say so; only a running leader acts.
   */
  async rescope(scope: SyncScope): Promise<void> {
    if (this.running && this.leadership.isLeader() && !sameScope(scope, this.startedOn)) await this.restartSync();
  }

  /**
   * Stops the sync engine and holds every later write, for the rest of the page's life: a sign-out
   * reloads every tab next, and no change may be sent, or dropped, without the person's tokens.
   */
  stopSync(): Promise<void> {
    return this.writes.run('sync.stop', null);
  }

  private async stopHere(): Promise<void> {
    this.running = false;
    this.writes.hold();
    await stopDataStore();
  }

  private async restartHere(): Promise<void> {
    this.running = false;
    await stopDataStore();
    await this.enterScope();
    await startDataStore();
    this.publishStore();
    this.running = true;
    this.announce();
  }

  /**
   * Every DataStore start opens its local store afresh, and DataStore.observe() subscriptions made
   * before it see nothing of the new one: after a sign-in's restart, records the sync brings would
   * reach IndexedDB but no list on screen. So the tabs' change feed follows each start.
   */
  private publishStore(): void {
    this.published?.unsubscribe();
    this.published = this.changes.publishThisTabsStore();
  }

  private async lead(wasFollowing: boolean): Promise<void> {
    this.writes.hold();
    if (wasFollowing) await stopDataStore();
    await this.enterScope();
    this.replacedEdits.start();
    this.orphanedChildren.start();
    // Before DataStore starts: a models change would wipe changes still queued on this device.
    await this.rescue.keepQueuedChangesIfModelsChanged();
    this.rescue.sendKeptChangesWhenReady();
    // In a browser start() resolves once local storage is ready; sync runs on in the background.
    const started = startDataStore();
    this.writes.runHere(started);
    started.then(
      () => {
        this.running = true;
        this.publishStore();
        this.announce();
      },
      (error: unknown) => console.error('DataStore could not start', error),
    );
  }

  /**
   * With the engine stopped: connects, configures DataStore for the scope, and evicts what left it
   * (a wider scope's records come with the next sync, a full one).
   */
  private async enterScope(): Promise<void> {
    const scope = await this.connect();
    const { handlers } = this.handlers;
    configureDataStore(handlers, scope);
    await this.scope.enter(scope);
    this.startedOn = scope;
  }

  /** Another tab runs other data models: stop sending, hand the lock on, and wait for a reload. */
  private async letGo(): Promise<void> {
    // A write arriving now would quietly start DataStore again: other tabs' requests wait for the
    // next leader instead, and this tab's fail so the user keeps what they typed.
    this.writes.hold();
    if (this.leadership.isLeader()) {
      this.running = false;
      await this.writes.idle();
      await stopDataStore();
    }
    this.leadership.stepDown('models-changed');
  }

  /** Until the leader runs this tab's models (or this tab takes the lead itself). */
  private async leaderOnMyModels(): Promise<void> {
    const ask = setInterval(
      () => this.channel.post({ type: 'who-leads', from: this.channel.tabId }),
      ASK_LEADER_EVERY_MS,
    );
    const leaderAnswers = this.channel.messages('leader-ready').pipe(
      map(({ modelsVersion }) => modelsVersion === schema.version),
      filter((same) => {
        if (!same) this.announceModelsChange();
        return same;
      }),
    );
    const leadingHere = this.leadership.roleChanges().pipe(filter((role) => role === 'leader' || role === 'inactive'));
    this.channel.post({ type: 'who-leads', from: this.channel.tabId });
    await firstValueFrom(merge(leaderAnswers, leadingHere));
    clearInterval(ask);
  }

  private announceModelsChange(): void {
    this.channel.post({ type: 'models-changed', from: this.channel.tabId, modelsVersion: schema.version });
  }

  private announce(): void {
    this.channel.post({ type: 'leader-ready', from: this.channel.tabId, modelsVersion: schema.version });
  }
}
