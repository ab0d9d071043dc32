/**
 * The write protocol between the tabs of one browser profile, as the app's DeviceWrites runs it
 * (src/app/domains/shared/data/device-writes.ts, an Angular service, so its steps are ported here
 * line by line): the leader runs commands, every other tab posts them on a BroadcastChannel with a
 * request id and waits for the answer, and a request still unanswered when the leader changes is
 * posted again to the next leader, which may run it a second time. The messages, the answered
 * memory and the write journal are the app's own modules (tab-messages.ts, write-journal.ts), so
 * the two cannot drift apart in what they say to each other or in what a leader remembers.
 */
import { ANSWERED_MEMORY, type TabMessage, type TabMessageOf } from '../../src/app/domains/shared/data/tab-messages.ts';
import { WriteJournal } from '../../src/app/domains/shared/data/write-journal.ts';

type Executor = (args: unknown, alive: () => void) => Promise<unknown>;
type Mode = 'here' | 'forward' | 'hold' | 'stopped';

interface PendingWrite {
  requestId: string;
  command: string;
  args: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
  sentTo?: string;
}

/**
 * The tabs of one client process share its one models module, so none compares models versions
 * (the app's SyncEngineHost does, across app updates); the message carries the field all the same.
 */
const SAME_MODELS = 'this client process';

/** localStorage as one browser profile shares it between its tabs: one per device (channel). */
class ProfileStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}
const profiles = new Map<string, ProfileStorage>();

/** One tab's side of the protocol. Node's BroadcastChannel, like the browser's, skips the sender. */
export class TabWrites {
  readonly tabId = crypto.randomUUID();
  private readonly channel: BroadcastChannel;
  private readonly pending = new Map<string, PendingWrite>();
  private readonly answered = new Map<string, Promise<TabMessage>>();
  private mode: Mode = 'hold';
  private leaderId: string | undefined;
  private engineStarted: Promise<void> = Promise.resolve();
  private closed = false;
  private lastCommand: Promise<unknown> = Promise.resolve();
  private readonly journal: WriteJournal;

  constructor(
    channelName: string,
    private readonly executors: Map<string, Executor>,
    /** Called once per run of a command here, so the harness can count re-runs. */
    private readonly onRun: (requestId: string, tabId: string, outcome: Promise<unknown>) => void,
  ) {
    this.channel = new BroadcastChannel(channelName);
    const profile = profiles.get(channelName) ?? new ProfileStorage();
    profiles.set(channelName, profile);
    this.journal = new WriteJournal(profile as unknown as Storage);
    this.channel.onmessage = (event) => this.receive((event as MessageEvent<TabMessage>).data);
  }

  hold(): void {
    this.mode = 'hold';
  }

  runHere(engineStarted: Promise<void>): void {
    this.engineStarted = engineStarted;
    this.switchTo('here');
  }

  forwardToLeader(): void {
    this.switchTo('forward');
  }

  announceLeader(): void {
    this.post({ type: 'leader-ready', from: this.tabId, modelsVersion: SAME_MODELS });
  }

  /** The tab goes away: its own requests die with it, unanswered; its channel falls silent. */
  close(): void {
    this.closed = true;
    this.mode = 'stopped';
    for (const request of this.pending.values()) request.reject(new Error('tab closed'));
    this.pending.clear();
    this.channel.close();
  }

  /** Throws once the tab is closed: a closed tab's command runs no further DataStore step. */
  readonly alive = (): void => {
    if (this.closed) throw new Error('tab closed');
  };

  run(requestId: string, command: string, args: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('tab closed'));
      const request: PendingWrite = { requestId, command, args, resolve, reject };
      this.pending.set(requestId, request);
      this.dispatch(request);
    });
  }

  private receive(message: TabMessage): void {
    if (this.closed) return;
    if (message.type === 'write') void this.serve(message);
    else if (message.type === 'write-result' && message.to === this.tabId) this.settle(message);
    else if (message.type === 'leader-ready') this.followLeader(message.from);
  }

  private post(message: TabMessage): void {
    if (!this.closed) this.channel.postMessage(message);
  }

  private switchTo(mode: Mode): void {
    this.mode = mode;
    for (const request of [...this.pending.values()]) this.dispatch(request);
  }

  private dispatch(request: PendingWrite): void {
    if (this.mode === 'here') void this.runLocally(request);
    else if (this.mode === 'forward') this.send(request);
  }

  private send(request: PendingWrite): void {
    request.sentTo = this.leaderId;
    const { requestId, command, args } = request;
    this.post({ type: 'write', from: this.tabId, requestId, command, args });
  }

  private followLeader(leaderId: string): void {
    if (leaderId === this.leaderId) return;
    this.leaderId = leaderId;
    if (this.mode !== 'forward') return;
    for (const request of this.pending.values()) if (request.sentTo !== leaderId) this.send(request);
  }

  private async runLocally(request: PendingWrite): Promise<void> {
    this.pending.delete(request.requestId);
    try {
      const value = await this.execute(request.requestId, request.command, request.args);
      this.alive();
      request.resolve(value);
    } catch (error: unknown) {
      // A tab that closed while running its own command has no user left to tell.
      request.reject(this.closed ? new Error('tab closed') : error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async serve(request: TabMessageOf<'write'>): Promise<void> {
    if (this.mode !== 'here') return;
    let result = this.answered.get(request.requestId);
    if (!result) {
      result = this.answer(request);
      this.answered.set(request.requestId, result);
      if (this.answered.size > ANSWERED_MEMORY) this.answered.delete(this.answered.keys().next().value as string);
    }
    this.post(await result);
  }

  private async answer(request: TabMessageOf<'write'>): Promise<TabMessageOf<'write-result'>> {
    const reply = { type: 'write-result', to: request.from, requestId: request.requestId } as const;
    try {
      return { ...reply, value: await this.execute(request.requestId, request.command, request.args) };
    } catch (error: unknown) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      return { ...reply, error: { name, message } };
    }
  }

  /** As in the app: one command at a time, and one the journal holds is answered, not run again. */
  private execute(requestId: string, command: string, args: unknown): Promise<unknown> {
    const executor = this.executors.get(command);
    if (!executor) return Promise.reject(new Error(`no executor for ${command}`));
    const run = this.lastCommand.then(async () => {
      const done = this.journal.completed(requestId);
      if (done) return done.value;
      await this.engineStarted;
      this.alive();
      const outcome = executor(args, this.alive);
      this.onRun(requestId, this.tabId, outcome);
      const value = await outcome;
      this.journal.record(requestId, value);
      return value;
    });
    this.lastCommand = run.catch(() => undefined);
    return run;
  }

  private settle(result: TabMessageOf<'write-result'>): void {
    const request = this.pending.get(result.requestId);
    if (!request) return;
    this.pending.delete(result.requestId);
    if (!result.error) return request.resolve(result.value);
    const error = new Error(result.error.message);
    error.name = result.error.name;
    request.reject(error);
  }
}
