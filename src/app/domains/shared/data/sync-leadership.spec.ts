import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { filter, firstValueFrom, timeout } from 'rxjs';

import { SyncLeadership } from './sync-leadership';
import { TabChannel } from './tab-channel';

/** One browser tab's leadership, with its own channel end, as separate pages have. */
function openTab(): { leadership: SyncLeadership; close(): void } {
  const injector = createEnvironmentInjector([TabChannel, SyncLeadership], TestBed.inject(EnvironmentInjector));
  let closed = false;
  const close = () => {
    if (!closed) injector.destroy();
    closed = true;
  };
  return { leadership: injector.get(SyncLeadership), close };
}

describe('SyncLeadership (real Web Locks and BroadcastChannel)', () => {
  const tabs: { close(): void }[] = [];
  const tab = () => {
    const opened = openTab();
    tabs.push(opened);
    return opened;
  };

  afterEach(() => tabs.splice(0).forEach((opened) => opened.close()));

  it('makes one tab the leader and hands the lead to the next tab when the leader goes away', async () => {
    const first = tab();
    const second = tab();

    expect(await first.leadership.claim()).toBe('leader');
    expect(await second.leadership.claim()).toBe('follower');

    first.close();
    await firstValueFrom(
      second.leadership.roleChanges().pipe(
        filter((role) => role === 'leader'),
        timeout(2_000),
      ),
    );
    expect(second.leadership.isLeader()).toBeTrue();
  });

  it('hands the lead on when the leader steps down, and says why it stopped', async () => {
    const first = tab();
    const second = tab();
    await first.leadership.claim();
    await second.leadership.claim();

    first.leadership.stepDown('models-changed');

    await firstValueFrom(
      second.leadership.roleChanges().pipe(
        filter((role) => role === 'leader'),
        timeout(2_000),
      ),
    );
    expect(first.leadership.role()).toBe('inactive');
    expect(first.leadership.inactiveReason()).toBe('models-changed');
  });

  describe('without Web Locks', () => {
    beforeEach(() => Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true }));
    afterEach(() => Reflect.deleteProperty(navigator, 'locks'));

    it('keeps only the tab opened last active; the other offers to take over', async () => {
      const first = tab();
      expect(await first.leadership.claim()).toBe('leader');
      const second = tab();
      expect(await second.leadership.claim()).toBe('leader');

      await firstValueFrom(
        first.leadership.roleChanges().pipe(
          filter((role) => role === 'inactive'),
          timeout(2_000),
        ),
      );
      expect(first.leadership.inactiveReason()).toBe('elsewhere');
      expect(second.leadership.isLeader()).toBeTrue();
    });
  });
});
