import { learnServerTime, serverNow } from './device-clock';

const OFFSET_KEY = 'fieldbook.serverClockOffset';
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 2, 10, 0);

describe('device clock', () => {
  beforeEach(() => localStorage.removeItem(OFFSET_KEY));
  afterEach(() => localStorage.removeItem(OFFSET_KEY));

  it('is the device’s time until a server time has been seen', () => {
    expect(serverNow(T0).getTime()).toBe(T0);
  });

  it('adds the learned offset to the device’s time, whether the device is behind or ahead', () => {
    learnServerTime(T0 + 5 * MINUTE, T0);
    expect(serverNow(T0 + MINUTE).getTime()).toBe(T0 + 6 * MINUTE);

    localStorage.removeItem(OFFSET_KEY);
    learnServerTime(T0 - 3 * MINUTE, T0);
    expect(serverNow(T0 + MINUTE).getTime()).toBe(T0 - 2 * MINUTE);
  });

  it('uses an offset learned before a reload', () => {
    localStorage.setItem(OFFSET_KEY, JSON.stringify({ offsetMs: 4 * MINUTE, measuredAt: T0 }));

    expect(serverNow(T0 + MINUTE).getTime()).toBe(T0 + 5 * MINUTE);
  });

  it('keeps the largest recent lower bound: a later smaller sample does not lower it, a larger one raises it', () => {
    learnServerTime(T0 + 5 * MINUTE, T0);
    learnServerTime(T0 + 12 * MINUTE, T0 + 10 * MINUTE);
    expect(serverNow(T0 + 11 * MINUTE).getTime()).toBe(T0 + 16 * MINUTE);

    learnServerTime(T0 + 27 * MINUTE, T0 + 20 * MINUTE);
    expect(serverNow(T0 + 21 * MINUTE).getTime()).toBe(T0 + 28 * MINUTE);
  });

  it('ignores a measurement older than one hour, and one the device clock has since been set back from', () => {
    learnServerTime(T0 + 5 * MINUTE, T0);

    expect(serverNow(T0 + 59 * MINUTE).getTime()).toBe(T0 + 64 * MINUTE);
    expect(serverNow(T0 + 61 * MINUTE).getTime()).toBe(T0 + 61 * MINUTE);
    expect(serverNow(T0 - 61 * MINUTE).getTime()).toBe(T0 - 61 * MINUTE);
  });

  it('lets a smaller sample set the offset once the larger measurement is over an hour old', () => {
    learnServerTime(T0 + 5 * MINUTE, T0);
    learnServerTime(T0 + 62 * MINUTE, T0 + 61 * MINUTE);

    expect(serverNow(T0 + 62 * MINUTE).getTime()).toBe(T0 + 63 * MINUTE);
  });

  it('does not keep an old larger measurement alive through newer smaller samples', () => {
    // The device clock was 5 min slow at T0, then corrected: later answers show no offset.
    learnServerTime(T0 + 5 * MINUTE, T0);
    learnServerTime(T0 + 40 * MINUTE, T0 + 40 * MINUTE);

    // At T0 + 70 min the 5-min measurement is over an hour old; the 0-min one is 30 min old.
    expect(serverNow(T0 + 70 * MINUTE).getTime()).toBe(T0 + 70 * MINUTE);
  });

  it('ignores a server time that is not a number, keeping what it learned', () => {
    learnServerTime(T0 + 5 * MINUTE, T0);
    learnServerTime(Number.NaN, T0 + MINUTE);
    learnServerTime(Number.POSITIVE_INFINITY, T0 + MINUTE);

    expect(serverNow(T0 + 2 * MINUTE).getTime()).toBe(T0 + 7 * MINUTE);
  });

  it('ignores an unreadable stored offset, and learns afresh over it', () => {
    for (const stored of [
      'not json{',
      'null',
      '42',
      JSON.stringify({ offsetMs: String(5 * MINUTE), measuredAt: T0 }),
      JSON.stringify({ offsetMs: 5 * MINUTE }),
    ]) {
      localStorage.setItem(OFFSET_KEY, stored);
      expect(serverNow(T0).getTime()).withContext(stored).toBe(T0);

      learnServerTime(T0 + 2 * MINUTE, T0);
      expect(serverNow(T0).getTime())
        .withContext(stored)
        .toBe(T0 + 2 * MINUTE);
    }
  });
});
