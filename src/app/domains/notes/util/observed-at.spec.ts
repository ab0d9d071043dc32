import { fromLocalInput, toLocalInput } from './observed-at';

describe('observed-at conversion', () => {
  it('round-trips a device-local time through UTC', () => {
    const moment = new Date(2025, 2, 9, 7, 5);

    expect(toLocalInput(moment)).toBe('2025-03-09T07:05');
    expect(fromLocalInput('2025-03-09T07:05')).toBe(moment.toISOString());
  });

  it('rejects values that are not a time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNull();
    expect(fromLocalInput('2025-13-45T99:99')).toBeNull();
  });
});
