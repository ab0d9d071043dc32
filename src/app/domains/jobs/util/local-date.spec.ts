import { isValidDate, localDate } from './local-date';

describe('local dates', () => {
  it('formats the device’s own calendar day, not the UTC one', () => {
    expect(localDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
    expect(localDate(new Date(2025, 11, 31, 0, 1))).toBe('2025-12-31');
  });

  it('accepts real dates only', () => {
    expect(isValidDate('2024-02-29')).toBeTrue();
    expect(isValidDate('2025-02-29')).toBeFalse();
    expect(isValidDate('2025-13-01')).toBeFalse();
    expect(isValidDate('10/06/2025')).toBeFalse();
    expect(isValidDate('')).toBeFalse();
  });
});
