import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { gate } from '../../../../../testing/gate';
import { until } from '../util/until.testing';
import { DeviceWrites } from './device-writes';
import { TAB_CHANNEL_NAME, TabChannel } from './tab-channel';
import { WriteJournal } from './write-journal';

/** One browser tab: its own channel end and its own DeviceWrites, as separate pages have. */
function openTab(): { writes: DeviceWrites; channel: TabChannel; close(): void } {
  const injector = createEnvironmentInjector([TabChannel, DeviceWrites], TestBed.inject(EnvironmentInjector));
  return { writes: injector.get(DeviceWrites), channel: injector.get(TabChannel), close: () => injector.destroy() };
}

/** A command that counts its runs and answers with what it was given. */
function countingCommand(writes: DeviceWrites): { runs: string[] } {
  const runs: string[] = [];
  writes.register('test.echo', async ({ value }: { value: string }) => {
    runs.push(value);
    return `saved ${value}`;
  });
  return { runs };
}

/** Resolves once a write request for `value` has gone out on the channel: a tab opened later never gets it. */
function requestSent(value: string): Promise<void> {
  const raw = new BroadcastChannel(TAB_CHANNEL_NAME);
  return new Promise((resolve) => {
    raw.onmessage = (event: MessageEvent<{ type: string; args?: { value?: unknown } }>) => {
      if (event.data.type !== 'write' || event.data.args?.value !== value) return;
      raw.close();
      resolve();
    };
  });
}

/** A new task starts only once every promise job queued before it has run. */
const everyQueuedJobRun = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DeviceWrites (real BroadcastChannel between two tab instances)', () => {
  const tabs: { close(): void }[] = [];
  const tab = () => {
    const opened = openTab();
    tabs.push(opened);
    return opened;
  };

  afterEach(() => tabs.splice(0).forEach((opened) => opened.close()));

  it('runs a follower’s write once, in the leader, and gives the follower the answer', async () => {
    const leader = tab();
    const follower = tab();
    const { runs } = countingCommand(leader.writes);
    countingCommand(follower.writes);
    leader.writes.runHere(Promise.resolve());
    follower.writes.forwardToLeader();

    expect(await follower.writes.run<string>('test.echo', { value: 'note 1' })).toBe('saved note 1');
    expect(runs).toEqual(['note 1']);
  });

  it('answers a request sent to it twice without running it twice', async () => {
    const leader = tab();
    const { runs } = countingCommand(leader.writes);
    leader.writes.runHere(Promise.resolve());
    const raw = new BroadcastChannel(TAB_CHANNEL_NAME);
    const answers: unknown[] = [];
    raw.onmessage = (event: MessageEvent<{ type: string }>) => {
      if (event.data.type === 'write-result') answers.push(event.data);
    };
    const request = { type: 'write', from: 'tab-x', requestId: 'r1', command: 'test.echo', args: { value: 'once' } };
    raw.postMessage(request);
    raw.postMessage(request);
    await until('an answer to each copy', () => answers.length >= 2);
    raw.close();

    expect(runs).toEqual(['once']);
    expect(answers.length).toBe(2);
  });

  it('sends a request the leader never answered to the next leader', async () => {
    const closingLeader = tab();
    const follower = tab();
    const closingRuns = countingCommand(closingLeader.writes).runs;
    closingLeader.writes.hold(); // stopping: it no longer serves
    follower.writes.forwardToLeader();
    const sent = requestSent('in flight');
    const saved = follower.writes.run<string>('test.echo', { value: 'in flight' });
    await sent;

    const nextLeader = tab();
    const { runs } = countingCommand(nextLeader.writes);
    nextLeader.writes.runHere(Promise.resolve());
    nextLeader.channel.post({ type: 'leader-ready', from: nextLeader.channel.tabId, modelsVersion: 'v1' });

    expect(await saved).toBe('saved in flight');
    expect(runs).toEqual(['in flight']);
    expect(closingRuns).toEqual([]);
  });

  it('runs its own pending writes itself when the tab takes the lead', async () => {
    const follower = tab();
    const { runs } = countingCommand(follower.writes);
    follower.writes.forwardToLeader();
    const saved = follower.writes.run<string>('test.echo', { value: 'mine' });
    follower.writes.runHere(Promise.resolve());

    expect(await saved).toBe('saved mine');
    expect(runs).toEqual(['mine']);
  });

  it('fails pending writes once the tab lets go of the store, so the form keeps what was typed', async () => {
    const follower = tab();
    follower.writes.hold();
    const saved = follower.writes.run('test.echo', { value: 'lost?' });
    follower.writes.stop();

    await expectAsync(saved).toBeRejectedWithError(/Reload it and save again/);
  });

  it('runs the leader’s commands one at a time, so an edit never saves from a read older than the last save', async () => {
    const leader = tab();
    const follower = tab();
    const log: string[] = [];
    const first = gate();
    for (const writes of [leader.writes, follower.writes]) {
      writes.register('test.slow', async ({ value }: { value: string }) => {
        log.push(`start ${value}`);
        if (value === 'first') await first.hold();
        log.push(`end ${value}`);
        return value;
      });
    }
    leader.writes.runHere(Promise.resolve());
    follower.writes.forwardToLeader();
    const secondSent = requestSent('second');
    const firstRun = leader.writes.run('test.slow', { value: 'first' });
    const secondRun = follower.writes.run('test.slow', { value: 'second' });
    // A channel hears a message after every channel opened before it: the leader has the request.
    await secondSent;
    first.open();
    await Promise.all([firstRun, secondRun]);

    expect(log).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('answers from the journal a request a closed leader ran but could not answer, without running it again', async () => {
    new WriteJournal().record('ran-before-close', 'saved by the closed leader');
    const nextLeader = tab();
    const { runs } = countingCommand(nextLeader.writes);
    nextLeader.writes.runHere(Promise.resolve());
    const raw = new BroadcastChannel(TAB_CHANNEL_NAME);
    const answer = new Promise<unknown>((resolve) => {
      raw.onmessage = (event: MessageEvent<{ type: string; value?: unknown }>) => {
        if (event.data.type === 'write-result') resolve(event.data.value);
      };
    });
    raw.postMessage({
      type: 'write',
      from: 'follower',
      requestId: 'ran-before-close',
      command: 'test.echo',
      args: { value: 'again' },
    });

    expect(await answer).toBe('saved by the closed leader');
    raw.close();
    expect(runs).toEqual([]);
  });

  it('lets the tab stop only once the command it is running has finished', async () => {
    const leader = tab();
    const writing = gate();
    leader.writes.register('test.slow', () => writing.hold().then(() => 'saved'));
    leader.writes.runHere(Promise.resolve());
    const answer = leader.writes.run<string>('test.slow', {});
    await everyQueuedJobRun();

    leader.writes.hold();
    let idle = false;
    const stopped = leader.writes.idle().then(() => (idle = true));
    // Only opening `writing` can end the command; whatever else might settle idle is already queued.
    await everyQueuedJobRun();
    expect(idle).withContext('idle while the command still runs').toBeFalse();

    writing.open();
    await stopped;
    expect(await answer).toBe('saved');
  });
});
