import { inject, Injectable } from '@angular/core';
import { filter } from 'rxjs';

import { TabChannel } from './tab-channel';
import { ANSWERED_MEMORY, type TabMessageOf } from './tab-messages';
import { WriteJournal } from './write-journal';

/**
 * Performs one kind of write against the device store. Arguments and results cross between tabs,
 * so both must be plain data. A command may run twice (its tab's leader can close after writing
 * and before answering, and the next leader runs it again), so each must be idempotent: creates
 * carry the new record's id, edits carry the values to set, not "toggle".
 */
export type WriteExecutor = (args: never) => Promise<unknown>;

interface PendingWrite {
  readonly requestId: string;
  readonly command: string;
  readonly args: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  /** The leader this request was last sent to, if known. */
  sentTo?: string;
}

/**
 * - `here`: this tab's DataStore owns the outbox (the sync leader, or a lone DataStore as in unit
 *   tests); commands wait for its engine to have started;
 * - `forward`: commands go to the leader over the tab channel;
 * - `hold`: no way to write yet (startup, or a hand-over of the lead): commands wait;
 * - `stopped`: this tab let go of the device store; commands fail, and the user keeps the form.
 */
type WriteMode = 'here' | 'forward' | 'hold' | 'stopped';

/**
 * Every write of every tab goes through the sync leader, the one tab whose DataStore owns the
 * outbox (see SyncLeadership and SyncEngineHost, which sets the mode). The leader runs a command
 * itself; a follower sends it over the tab channel and waits for the answer. A request still
 * unanswered when the leader changes is sent to the new leader (or run here, if this tab took
 * over), so a closed tab loses no write.
 */
@Injectable({ providedIn: 'root' })
export class DeviceWrites {
  private readonly channel = inject(TabChannel);
  private readonly executors = new Map<string, (args: unknown) => Promise<unknown>>();
  private readonly pending = new Map<string, PendingWrite>();
  private readonly answered = new Map<string, Promise<TabMessageOf<'write-result'>>>();
  private mode: WriteMode = 'here';
  private leaderId: string | undefined;
  private engineStarted: Promise<void> = Promise.resolve();
  private lastCommand: Promise<unknown> = Promise.resolve();
  private readonly journal = new WriteJournal();

  constructor() {
    this.channel.messages('write').subscribe((request) => void this.serve(request));
    this.channel
      .messages('write-result')
      .pipe(filter((result) => result.to === this.channel.tabId))
      .subscribe((result) => this.settle(result));
    this.channel.messages('leader-ready').subscribe(({ from }) => this.followLeader(from));
  }

  /** Makes a command available to every tab, should this tab lead. Register before startup ends. */
  register(command: string, executor: WriteExecutor): void {
    this.executors.set(command, executor as (args: unknown) => Promise<unknown>);
  }

  hold(): void {
    this.mode = 'hold';
  }

  /** This tab leads: commands, its own and other tabs', run once `engineStarted` resolves. */
  runHere(engineStarted: Promise<void>): void {
    this.engineStarted = engineStarted;
    this.switchTo('here');
  }

  forwardToLeader(): void {
    this.switchTo('forward');
  }

  stop(): void {
    this.switchTo('stopped');
  }

  /**
   * Resolves once every command this tab has begun to run has finished. Call it after `hold` and
   * before stopping DataStore: a command stopped between its write and the write's outbox barrier
   * would be reported as failed although it was saved, and the user would save it again.
   */
  idle(): Promise<void> {
    return this.lastCommand.then(() => undefined);
  }

  run<R>(command: string, args: unknown): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const request: PendingWrite = {
        requestId: crypto.randomUUID(),
        command,
        args,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      this.pending.set(request.requestId, request);
      this.dispatch(request);
    });
  }

  private switchTo(mode: WriteMode): void {
    this.mode = mode;
    for (const request of [...this.pending.values()]) this.dispatch(request);
  }

  private dispatch(request: PendingWrite): void {
    if (this.mode === 'here') void this.runLocally(request);
    else if (this.mode === 'forward') this.send(request);
    else if (this.mode === 'stopped') {
      this.pending.delete(request.requestId);
      request.reject(new Error('Fieldbook stopped in this window before saving. Reload it and save again.'));
    }
  }

  private send(request: PendingWrite): void {
    request.sentTo = this.leaderId;
    const { requestId, command, args } = request;
    this.channel.post({ type: 'write', from: this.channel.tabId, requestId, command, args });
  }

  /** A new leader gets every request the previous one has not answered. */
  private followLeader(leaderId: string): void {
    if (leaderId === this.leaderId) return;
    this.leaderId = leaderId;
    if (this.mode !== 'forward') return;
    for (const request of this.pending.values()) if (request.sentTo !== leaderId) this.send(request);
  }

  private async runLocally(request: PendingWrite): Promise<void> {
    this.pending.delete(request.requestId);
    try {
      request.resolve(await this.runOnce(request.requestId, request.command, request.args));
    } catch (error: unknown) {
      request.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Runs a request unless the journal says a leader already did, and journals it before answering. */
  private async runOnce(requestId: string, command: string, args: unknown): Promise<unknown> {
    const done = this.journal.completed(requestId);
    if (done) return done.value;
    const value = await this.execute(command, args);
    this.journal.record(requestId, value);
    return value;
  }

  private async serve(request: TabMessageOf<'write'>): Promise<void> {
    if (this.mode !== 'here') return;
    // A resent request that is running or answered here is answered again, not run again.
    let result = this.answered.get(request.requestId);
    if (!result) {
      result = this.answer(request);
      this.answered.set(request.requestId, result);
      if (this.answered.size > ANSWERED_MEMORY) this.answered.delete(this.answered.keys().next().value as string);
    }
    this.channel.post(await result);
  }

  private async answer(request: TabMessageOf<'write'>): Promise<TabMessageOf<'write-result'>> {
    const reply = { type: 'write-result', to: request.from, requestId: request.requestId } as const;
    try {
      return { ...reply, value: await this.runOnce(request.requestId, request.command, request.args) };
    } catch (error: unknown) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      return { ...reply, error: { name, message } };
    }
  }

  /**
   * One command at a time: each reads the record and saves a copy of it, so two tabs' edits of one
   * record run side by side would save the later from the older read, and the device would show
   * the other tab's change undone until sync put it back.
   */
  private execute(command: string, args: unknown): Promise<unknown> {
    const executor = this.executors.get(command);
    if (!executor) {
      return Promise.reject(new Error(`This version of Fieldbook cannot save "${command}"; reload the app.`));
    }
    const run = this.lastCommand.then(async () => {
      await this.engineStarted;
      return executor(args);
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
