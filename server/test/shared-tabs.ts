/**
 * Several tabs of one browser profile over one device store, inside one client process (DataStore
 * is a per-process singleton and fake-indexeddb lives in this process's memory). Exactly one tab
 * leads and owns DataStore's sync engine; the others send their writes to it (TabWrites). When
 * the leader closes, the next tab does what SyncEngineHost.lead does: stop DataStore (in the app,
 * its local no-sync instance), start it with sync over the same store, which drains the outbox
 * the old leader left, and announce itself, upon which the followers re-send what is unanswered.
 */
import type * as DataStoreModule from '@aws-amplify/datastore';

import { withStuckReport } from './stuck-report.ts';
import { type RunEffect, tabCommands } from './tab-commands.ts';
import { TabWrites } from './tab-writes.ts';

type Fields = Record<string, unknown>;
type Store = typeof DataStoreModule.DataStore;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Models = Record<string, any>;
/** Below the fuzzer's hand-over timeout, so a stuck hand-over is reported with what it waits on. */
const STUCK_MS = 45_000;
/**
 * Wall-clock milliseconds, as the server's `_lastChangedAt` and the device's events are stamped, so
 * the oracle can tell what happened after a run; finer than `Date.now()`, to order runs alike.
 */
const now = () => performance.timeOrigin + performance.now();

/** One write the simulated user made in one tab, and what became of it. */
export interface TabCommand {
  requestId: string;
  /** The tab slot the user typed in (a closed tab's slot is taken by the tab opened after it). */
  slot: number;
  command: string;
  args: Fields;
  /** `ack`: the user saw it saved; `failed`: the user saw an error; `closed`: the tab went away first. */
  outcome?: 'ack' | 'failed' | 'closed';
  error?: string;
  /** Every run of the command, by whichever leader ran it, in order of starting (wall-clock ms). */
  runs: { tabId: string; started: number; ended?: number; effect?: RunEffect; error?: string }[];
}

export class SharedTabs {
  private tabs: TabWrites[] = [];
  private leader = 0;
  /** Resolves when no hand-over is under way; reads wait for it, as a tab's reads would. */
  private settled: Promise<void> = Promise.resolve();
  private readonly log = new Map<string, TabCommand>();
  private readonly channelName = `fieldbook-device-${crypto.randomUUID()}`;
  private readonly executors;
  /** The last hand-over's DataStore stop: a step refused while it ran can wait for it to end. */
  private stopping: Promise<void> | undefined;
  handOvers = 0;

  /** `beforeDelete`: the leader's note of what a delete takes with it, as the app's deleteIfPresent. */
  constructor(
    private readonly store: Store,
    models: () => Models,
    beforeDelete: (model: string, id: string) => Promise<void> = async () => undefined,
  ) {
    this.executors = tabCommands(store, models, () => this.stopping, beforeDelete) as unknown as Map<
      string,
      (args: unknown, alive: () => void) => Promise<unknown>
    >;
  }

  /** Opens `count` tabs over the running DataStore; the first leads. */
  open(count: number): void {
    for (const tab of this.tabs) tab.close();
    this.tabs = Array.from({ length: count }, () => this.newTab());
    this.leader = 0;
    const started = this.store.start();
    this.tabs.forEach((tab, slot) => (slot === this.leader ? tab.runHere(started) : tab.forwardToLeader()));
    void started.then(() => this.tabs[this.leader]?.announceLeader());
  }

  async write(slot: number, command: string, args: Fields): Promise<unknown> {
    const tab = this.tab(slot);
    const entry: TabCommand = { requestId: crypto.randomUUID(), slot, command, args, runs: [] };
    this.log.set(entry.requestId, entry);
    try {
      const value = await tab.run(entry.requestId, command, args);
      entry.outcome = 'ack';
      return value;
    } catch (error: unknown) {
      entry.error = error instanceof Error ? error.message : String(error);
      entry.outcome = entry.error === 'tab closed' ? 'closed' : 'failed';
      throw error;
    }
  }

  async read<T>(query: () => Promise<T>): Promise<T> {
    await this.settled;
    return query();
  }

  /**
   * The leader's tab closes, whatever it is doing; the tab in `nextSlot` (a follower) takes the
   * lead, and a new tab opens in the closed tab's slot as a follower.
   */
  handOver(nextSlot: number): Promise<void> {
    const run = this.settled.then(() => this.lead(nextSlot));
    this.settled = run.catch(() => undefined);
    return run;
  }

  commands(): TabCommand[] {
    return [...this.log.values()];
  }

  clear(): void {
    this.log.clear();
    this.handOvers = 0;
  }

  private async lead(nextSlot: number): Promise<void> {
    const closing = this.leader;
    if (nextSlot === closing || !this.tabs[nextSlot]) throw new Error(`slot ${nextSlot} cannot take the lead`);
    this.tab(closing).close();
    this.handOvers++;
    // The user opens the tab again at once; until the new leader announces itself, its writes
    // reach nobody and wait to be re-sent, as they would in the app.
    const reopened = this.newTab();
    this.tabs[closing] = reopened;
    reopened.forwardToLeader();
    const next = this.tab(nextSlot);
    next.hold();
    // SyncEngineHost.lead: the next leader stops its DataStore before starting the sync engine.
    this.stopping = this.store.stop();
    await withStuckReport('DataStore.stop', this.store, STUCK_MS, this.stopping);
    const started = this.store.start();
    next.runHere(started);
    this.leader = nextSlot;
    await withStuckReport('DataStore.start', this.store, STUCK_MS, started);
    next.announceLeader();
  }

  private newTab(): TabWrites {
    return new TabWrites(this.channelName, this.executors, (requestId, tabId, outcome) => {
      // Leaders run commands side by side, so the oracle needs to know which runs overlapped.
      const run: TabCommand['runs'][number] = { tabId, started: now() };
      this.log.get(requestId)?.runs.push(run);
      outcome.then(
        (effect) => Object.assign(run, { effect: effect as RunEffect, ended: now() }),
        (error: unknown) =>
          Object.assign(run, {
            error: error instanceof Error ? error.message : String(error),
            ended: now(),
          }),
      );
    });
  }

  private tab(slot: number): TabWrites {
    const tab = this.tabs[slot];
    if (!tab) throw new Error(`no tab in slot ${slot}`);
    return tab;
  }
}
