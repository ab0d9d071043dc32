import { toConnectionEvent } from './sync-events-source';

describe('toConnectionEvent', () => {
  const change = (connectionState: string) => ({ event: 'ConnectionStateChange', data: { connectionState } });

  it('reads a failed real-time connection as an unreachable server, and a made one as reachable', () => {
    expect(toConnectionEvent(change('ConnectionDisrupted'))).toEqual({ type: 'serverReachable', reachable: false });
    expect(toConnectionEvent(change('Connected'))).toEqual({ type: 'serverReachable', reachable: true });
  });

  it('ignores states that say nothing about the server (connecting, offline, keep-alive)', () => {
    for (const state of [
      'Connecting',
      'ConnectionDisruptedPendingNetwork',
      'ConnectedPendingKeepAlive',
      'Disconnected',
    ]) {
      expect(toConnectionEvent(change(state))).toBeUndefined();
    }
    expect(toConnectionEvent({ event: 'other', data: { connectionState: 'Connected' } })).toBeUndefined();
  });
});
